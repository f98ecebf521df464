package org.odonata.replay.strace;

/** One event of a trace, in the order strace completed it: a system call, a process's end, or a signal. */
public sealed interface TraceEvent permits Syscall, ProcessExit, Signal {

    /** The 1-based line of the trace the event was printed on (a call's first line). */
    int line();

    /** The traced process or thread ({@code 0} when the trace has no pids: strace without {@code -f}). */
    int pid();
}
