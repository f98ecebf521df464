package org.odonata.replay.strace;

import java.util.List;

/**
 * An imported strace text trace.
 *
 * @param source     the file name messages use
 * @param events     calls, exits and signals in the order strace completed them
 * @param timestamps whether lines carry {@code -t}/{@code -tt}/{@code -ttt} timestamps
 * @param durations  whether calls carry {@code -T} durations
 * @param lines      the trace's line count
 */
public record Trace(String source, List<TraceEvent> events, boolean timestamps, boolean durations, int lines) {

    public Trace {
        events = List.copyOf(events);
    }

    /** The system calls, in completion order. */
    public List<Syscall> calls() {
        return events.stream().filter(Syscall.class::isInstance).map(Syscall.class::cast).toList();
    }
}
