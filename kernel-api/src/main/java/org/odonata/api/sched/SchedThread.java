package org.odonata.api.sched;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An LWP as a user scheduler sees it. The kernel core owns the LWP; the scheduler keeps its own per-LWP
 * policy state (estcpu, queue links, run counts) in {@link #schedData()}, which moves with the LWP on a swap
 * only if the new scheduler recognises it.
 */
@ProviderType
public interface SchedThread {

    long tid();

    int pid();

    String name();

    /** The CPU the LWP last ran on or is queued for. */
    int cpu();

    /** nice, -20..20. */
    int nice();

    /** The LWP's scheduling class ({@code lwp_rtprio.type}); normal unless the LWP or its parent changed it. */
    SchedClass schedClass();

    /**
     * The rtprio level, 0 (best) to 31 ({@code lwp_rtprio.prio}): it orders LWPs within the realtime and idle
     * classes; schedulers ignore it for the normal class.
     */
    int schedLevel();

    /** Virtual time the LWP last became runnable. */
    long runnableSince();

    /** How long the LWP slept before its latest wakeup, in virtual ns (0 if it did not sleep). */
    long lastSleepNanos();

    /** User-mode CPU time consumed so far, in virtual ns. */
    long runtimeNanos();

    /** The scheduler's private state for this LWP, or {@code null}. */
    Object schedData();

    void setSchedData(Object data);

    /**
     * The LWKT priority hint the kernel uses to order this LWP among user threads on one CPU
     * ({@code td_upri}); higher runs first. Any int; only the order among the LWPs on one CPU matters. It is a
     * tie-break among LWPs that are all in the kernel (the designated LWP is the only one in user mode), so a
     * scheduler need not set it; the value stays as the last scheduler left it (dfly's are negative, e.g. -228).
     */
    void setUpri(int upri);
}
