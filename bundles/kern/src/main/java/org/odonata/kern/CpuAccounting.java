package org.odonata.kern;

import org.odonata.api.kern.CpuTimes;

/**
 * One CPU's time by mode, kept exactly from virtual time: the CPU is always in one mode, and each change adds the
 * virtual time since the previous change to the mode it leaves. The modes change where the simulated CPU changes
 * what it runs (a switch to or from the idle thread, the start and end of a user-mode compute burst), so the
 * partition costs O(1) per switch and needs no sampling.
 */
final class CpuAccounting {

    enum Mode { USER, SYSTEM, IDLE }

    private final long[] nanos = new long[Mode.values().length];
    private Mode mode = Mode.IDLE;
    private long since;

    CpuAccounting(long bootTime) {
        this.since = bootTime;
    }

    void enter(Mode next, long now) {
        nanos[mode.ordinal()] += now - since;
        since = now;
        mode = next;
    }

    /** The totals at {@code now}, counting the current mode up to then. */
    CpuTimes times(int cpu, long now) {
        long[] t = nanos.clone();
        t[mode.ordinal()] += now - since;
        return new CpuTimes(cpu, t[Mode.USER.ordinal()], t[Mode.SYSTEM.ordinal()], t[Mode.IDLE.ordinal()]);
    }
}
