package org.odonata.experiments.rtapp;

import java.util.Locale;

import org.odonata.api.sched.SchedClass;

/**
 * How an rt-app scheduling policy maps onto DragonFly. Linux {@code SCHED_OTHER} and {@code SCHED_BATCH}
 * become the normal class with the task's {@code priority} as its nice value (rt-app's own convention);
 * {@code SCHED_IDLE} becomes DragonFly's idle class; {@code SCHED_FIFO} and {@code SCHED_RR} become the
 * realtime class, Linux priority 1..99 mapped onto rtprio 31..0 (DragonFly: lower is more urgent).
 * {@code SCHED_DEADLINE} has no DragonFly equivalent (no EDF, no CBS bandwidth server): it is run as the most
 * urgent realtime task (rtprio 0) and its runtime, period and deadline are ignored, which the import notes.
 *
 * @param schedClass the class the task asks for
 * @param nice       its nice value in the normal class (0 otherwise)
 * @param rtprio     its DragonFly realtime priority 0..31 in the realtime class (-1 otherwise)
 */
public record RtAppPolicy(String linuxPolicy, SchedClass schedClass, int nice, int rtprio) {

    /** DragonFly's RTP_PRIO_MAX. */
    public static final int RTP_PRIO_MAX = 31;

    /**
     * @throws IllegalArgumentException naming the valid policies
     */
    public static RtAppPolicy of(String policy, int priority) {
        String p = policy.toUpperCase(Locale.ROOT);
        if (!p.startsWith("SCHED_")) {
            p = "SCHED_" + p;
        }
        return switch (p) {
            case "SCHED_OTHER", "SCHED_BATCH" -> new RtAppPolicy(p, SchedClass.NORMAL,
                    Math.max(-20, Math.min(20, priority)), -1);
            case "SCHED_IDLE" -> new RtAppPolicy(p, SchedClass.IDLE, 0, -1);
            case "SCHED_FIFO", "SCHED_RR" -> new RtAppPolicy(p, SchedClass.REALTIME, 0,
                    RTP_PRIO_MAX - (Math.max(1, Math.min(99, priority)) - 1) * RTP_PRIO_MAX / 98);
            case "SCHED_DEADLINE" -> new RtAppPolicy(p, SchedClass.REALTIME, 0, 0);
            default -> throw new IllegalArgumentException("unknown policy '" + policy + "'; valid: SCHED_OTHER, "
                    + "SCHED_BATCH, SCHED_IDLE, SCHED_FIFO, SCHED_RR, SCHED_DEADLINE");
        };
    }
}
