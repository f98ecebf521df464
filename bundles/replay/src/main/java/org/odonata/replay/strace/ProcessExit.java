package org.odonata.replay.strace;

/**
 * A {@code +++ … +++} line: a process exited ({@code +++ exited with 0 +++}), was killed
 * ({@code +++ killed by SIGKILL +++}) or was superseded by an execve in another thread.
 *
 * @param status the exit status, or -1 when killed
 * @param signal the killing signal's name, or null
 * @param text   what strace printed between the {@code +++}
 */
public record ProcessExit(int line, int pid, int status, String signal, String text) implements TraceEvent {
}
