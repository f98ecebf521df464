package org.odonata.replay.strace;

/** A {@code --- SIGCHLD {…} ---} line: a signal delivered to the process (the replay does not act on it). */
public record Signal(int line, int pid, String text) implements TraceEvent {
}
