package org.odonata.api.sched.kit;

import org.odonata.api.sched.SchedThread;

/**
 * A time slice per CPU, counted in schedclock ticks (20 ms each at 50 Hz): it restarts whenever another LWP
 * runs there, and runs out after {@code ticks} ticks of the same LWP.
 */
public final class TimeSlice {

    private final int ticks;
    private final SchedThread[] owner;
    private final int[] used;

    /** @param ticks schedclock ticks an LWP keeps a CPU while others wait; at least 1 */
    public TimeSlice(int ncpus, int ticks) {
        if (ticks < 1) {
            throw new IllegalArgumentException("a time slice must be at least 1 tick, was " + ticks);
        }
        this.ticks = ticks;
        this.owner = new SchedThread[ncpus];
        this.used = new int[ncpus];
    }

    public int ticks() {
        return ticks;
    }

    /**
     * Counts one tick of {@code running} on {@code cpu} ({@code null}: the CPU runs no LWP); true when its slice
     * has just run out, and then it starts a new one.
     */
    public boolean tick(int cpu, SchedThread running) {
        if (running == null) {
            owner[cpu] = null;
            return false;
        }
        if (owner[cpu] != running) {
            owner[cpu] = running;
            used[cpu] = 0;
        }
        if (++used[cpu] >= ticks) {
            used[cpu] = 0;
            return true;
        }
        return false;
    }

    /** {@code t} exits: a CPU counting for it starts afresh. */
    public void forget(SchedThread t) {
        for (int cpu = 0; cpu < owner.length; cpu++) {
            if (owner[cpu] == t) {
                owner[cpu] = null;
            }
        }
    }
}
