package org.odonata.hw.x86.cpu;

import org.odonata.api.cost.CostModel;

/**
 * Exact conversions between cycles at a core frequency and virtual nanoseconds, both rounded down. Unlike
 * {@link CostModel#nanos(long)}, which turns to floating point above 9e9 cycles, these stay exact over any
 * simulated run (frequencies below 9.2 GHz), so accumulated totals never drift. O(1), allocation-free.
 */
public final class CycleClock {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long frequencyHz;

    public CycleClock(CostModel costs) {
        this.frequencyHz = costs.frequencyHz();
    }

    /** floor(cycles × 1e9 / frequency), split so no intermediate product overflows. */
    public long nanos(long cycles) {
        return cycles / frequencyHz * NANOS_PER_SECOND + cycles % frequencyHz * NANOS_PER_SECOND / frequencyHz;
    }

    /** floor(nanos × frequency / 1e9), split so no intermediate product overflows. */
    public long cycles(long nanos) {
        return nanos / NANOS_PER_SECOND * frequencyHz + nanos % NANOS_PER_SECOND * frequencyHz / NANOS_PER_SECOND;
    }
}
