package org.odonata.kern;

import java.util.Locale;

import org.odonata.api.sched.SchedClass;

/**
 * The kernel's watchdog over its swappable implementations, in virtual time (sched_ext's {@code scx_watchdog}):
 * every {@link #PERIOD_NANOS} (at CPU 0's schedclock) it looks for an LWP the user scheduler has kept queued
 * longer than {@code watchdog.timeout_ns} while choosing others, and for a token its implementation refuses to a
 * waiter although nobody has held it for that long; either ejects the implementation. Not blamed on the scheduler:
 * an idle-class LWP (the class waits for idle CPUs by design), an LWP passed over only by LWPs of a better class,
 * and an LWP queued for a CPU that a thread in the kernel holds (a kernel thread, or an LWP computing in the
 * kernel, which the user scheduler cannot preempt). Checking reads the core's books only, so it changes nothing
 * in the simulation until it ejects.
 */
final class Watchdog {

    /** How often it looks: 100 ms of virtual time, at most (a shorter timeout looks at every schedclock). */
    static final long PERIOD_NANOS = 100_000_000L;

    private final SimKernel k;
    /**
     * Per class: picks so far that passed over a queued LWP of that class (an LWP of that class or a worse one
     * was picked, or nothing was).
     */
    private final long[] passedOver = new long[SchedClass.values().length];
    private long nextCheck;

    Watchdog(SimKernel k) {
        this.k = k;
    }

    /** {@code lp} was just queued in the user scheduler. */
    void queued(Lwp lp) {
        lp.passedOverMark = passedOver[lp.schedClass().ordinal()];
    }

    /** The scheduler picked {@code lp} ({@code null}: nothing) for a CPU. */
    void picked(Lwp lp) {
        int worst = lp == null ? passedOver.length - 1 : lp.schedClass().ordinal();
        for (int c = 0; c <= worst; c++) {
            passedOver[c]++;
        }
    }

    /** From CPU 0's schedclock. */
    void check(long now) {
        long timeout = k.sysctls.watchdogNanos;
        if (timeout == 0 || now < nextCheck) {
            return;
        }
        nextCheck = now + Math.min(PERIOD_NANOS, timeout / 2);
        Lwp starved = starved(now, timeout);
        if (starved != null) {
            k.usched.ejectByWatchdog(String.format(Locale.ROOT, "watchdog: %s runnable for %.1fms (timeout %.1fms) "
                    + "while the scheduler chose others", starved, (now - starved.runnableSince) / 1e6,
                    timeout / 1e6));
            return;
        }
        String refused = k.tokens.ungrantable(now, timeout);
        if (refused != null) {
            k.tokens.ejectByWatchdog("watchdog: " + refused);
        }
    }

    private Lwp starved(long now, long timeout) {
        for (Lwp lp : k.allLwps()) {
            int c = lp.schedClass().ordinal();
            if (lp.queued && lp.schedClass() != SchedClass.IDLE && now - lp.runnableSince > timeout
                    && passedOver[c] > lp.passedOverMark && !heldByKernel(lp.queuedOn)) {
                return lp;
            }
        }
        return null;
    }

    /** Whether {@code cpu} runs kernel code the user scheduler cannot preempt. */
    private boolean heldByKernel(int cpu) {
        Td cur = k.gd(cpu).curthread;
        return !cur.isIdle() && (cur.lwp == null || cur.kernelDepth > 0);
    }
}
