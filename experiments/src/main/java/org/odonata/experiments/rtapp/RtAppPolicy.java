package org.odonata.experiments.rtapp;

import java.util.Locale;

import org.odonata.api.sched.SchedClass;

/**
 * How an rt-app scheduling policy maps onto DragonFly's scheduling classes ({@code lwp_rtprio(2)}, applied
 * with {@code Syscalls.setSchedClass}). Linux {@code SCHED_OTHER} and {@code SCHED_BATCH} become the normal
 * class with the task's {@code priority} as its nice value (rt-app's own convention); {@code SCHED_IDLE} becomes
 * the idle class at level 31; {@code SCHED_FIFO} and {@code SCHED_RR} become the realtime class, Linux priority
 * 99..1 mapped linearly onto levels 1..31 (DragonFly: lower is more urgent; Linux: higher is).
 * {@code SCHED_DEADLINE} has no DragonFly equivalent (no EDF, no CBS bandwidth server); the approximation keeps
 * Linux's order of classes — a deadline task runs before every FIFO/RR task — by giving it realtime level 0,
 * which no FIFO/RR priority maps to; its runtime, period and deadline are ignored (the import notes it), so
 * deadline tasks among themselves run in FIFO order and are never throttled.
 *
 * @param schedClass the class the task asks for
 * @param nice       its nice value in the normal class (0 otherwise)
 * @param level      its rtprio level 0..31 in the realtime and idle classes (-1 in the normal class)
 */
public record RtAppPolicy(String linuxPolicy, SchedClass schedClass, int nice, int level) {

    /** DragonFly's RTP_PRIO_MAX: the least urgent level. */
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
            case "SCHED_IDLE" -> new RtAppPolicy(p, SchedClass.IDLE, 0, RTP_PRIO_MAX);
            case "SCHED_FIFO", "SCHED_RR" -> new RtAppPolicy(p, SchedClass.REALTIME, 0,
                    RTP_PRIO_MAX - (Math.max(1, Math.min(99, priority)) - 1) * (RTP_PRIO_MAX - 1) / 98);
            case "SCHED_DEADLINE" -> new RtAppPolicy(p, SchedClass.REALTIME, 0, 0);
            default -> throw new IllegalArgumentException("unknown policy '" + policy + "'; valid: SCHED_OTHER, "
                    + "SCHED_BATCH, SCHED_IDLE, SCHED_FIFO, SCHED_RR, SCHED_DEADLINE");
        };
    }
}
