package org.odonata.experiments.rtapp;

import java.util.List;

/** A phase: its events, run {@code loop} times in order (rt-app's {@code phases} member, or a task's own events). */
public record RtAppPhase(String name, int loop, List<RtAppEvent> events) {

    public RtAppPhase {
        events = List.copyOf(events);
    }
}
