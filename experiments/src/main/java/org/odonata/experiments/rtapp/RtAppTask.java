package org.odonata.experiments.rtapp;

import java.util.List;

/**
 * One rt-app task: {@code instances} identical threads, each waiting {@code delayMicros}, then running its
 * phases in order {@code loop} times ({@code -1}: until the workload ends).
 */
public record RtAppTask(String name, int instances, int loop, long delayMicros, RtAppPolicy policy,
        List<RtAppPhase> phases) {

    public RtAppTask {
        phases = List.copyOf(phases);
    }

    /** Whether any event of this task is of {@code kind} with resource {@code ref}. */
    public boolean uses(RtAppEvent.Kind kind, String ref) {
        return phases.stream().flatMap(p -> p.events().stream())
                .anyMatch(e -> e.kind() == kind && ref.equals(e.ref()));
    }
}
