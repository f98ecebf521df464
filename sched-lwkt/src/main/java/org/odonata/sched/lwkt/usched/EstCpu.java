package org.odonata.sched.lwkt.usched;

/**
 * estcpu, the recent-CPU-use estimate that drives the normal-class priority, as each scheduler recalculates it.
 * Each schedclock tick ({@value #ESTCPUFREQ} Hz) the running LWP gains {@code max/ESTCPUFREQ + 1}, so a hog
 * saturates in about a second. A recalculation blends in the CPU share measured over the whole schedclock ticks
 * ({@code ttlticks}) since the previous one: dfly ({@code dfly_recalculate_estcpu}) needs at least
 * {@value #DFLY_MIN_TICKS} ticks and weighs the old value by {@code ttlticks}; bsd4 ({@code bsd4_recalculate_estcpu})
 * recalculates after a single tick, counts the LWPs waiting for a CPU as running ({@code bsd4_runqcount}) and weighs
 * the old value by its decay, moving {@code lwp_batch} toward batch when the share exceeds half a CPU. Sleeping
 * through more than one {@code schedcpu} pass halves estcpu.
 * <p>
 * Simplification: the share is measured exactly from the LWP's runtime rather than sampled per tick
 * ({@code lwp_cpticks}). Cost: O(1) per call.
 */
public final class EstCpu {

    public static final int ESTCPUFREQ = 50;
    public static final long TICK_NANOS = 1_000_000_000L / ESTCPUFREQ;
    /** dfly recalculates only over at least this many ticks ({@code ttlticks < 4} returns). */
    public static final int DFLY_MIN_TICKS = 4;
    /** estcpu units per priority queue in both schedulers. */
    public static final int ESTCPUPPQ = 512;
    /** bsd4's {@code BATCHMAX}: 30 seconds of ticks. */
    public static final int BATCHMAX = ESTCPUFREQ * 30;

    private final int max;

    /** @param max ESTCPUMAX */
    public EstCpu(int max) {
        this.max = max;
    }

    public int max() {
        return max;
    }

    public int perTick() {
        return max / ESTCPUFREQ + 1;
    }

    /** The schedclock charge of one tick. */
    public void tick(UschedLwp s) {
        s.estcpu = Math.min(s.estcpu + perTick(), max);
    }

    /**
     * {@code dfly_recalculate_estcpu}: {@code (estcpu·ttlticks + share·max) / (ttlticks + 1)} over at least
     * {@value #DFLY_MIN_TICKS} whole ticks, with no allowance for overload ("the uload calculation has been removed
     * because it actually makes things worse"); returns whether it recalculated.
     */
    public boolean recalculateDfly(UschedLwp s, long now) {
        long ttlticks = ticksSince(s, now);
        if (ttlticks < DFLY_MIN_TICKS) {
            return false;
        }
        long share = measured(s, ttlticks);
        s.estcpu = (int) Math.min((s.estcpu * ttlticks + share) / (ttlticks + 1), max);
        advance(s, ttlticks);
        return true;
    }

    /**
     * {@code bsd4_recalculate_estcpu}: after any whole tick, the share inflated by {@code (runqcount + ncpus) / ncpus}
     * (the LWPs that could not get a CPU count as running), averaged with weight {@code decay}; {@code lwp_batch}
     * moves up by the ticks when the share exceeds half a CPU, else down. Returns whether it recalculated.
     *
     * @param runqcount LWPs queued and waiting for a CPU ({@code bsd4_runqcount})
     */
    public boolean recalculateBsd4(UschedLwp s, long now, int runqcount, int ncpus, int decay) {
        long ttlticks = ticksSince(s, now);
        if (ttlticks < 1) {
            return false;
        }
        long share = measured(s, ttlticks) * (runqcount + ncpus) / ncpus;
        s.batch = (int) Math.clamp(s.batch + (share > max / 2 ? ttlticks : -ttlticks), 0, BATCHMAX);
        s.estcpu = (int) Math.min((s.estcpu * (long) decay + share) / (decay + 1), max);
        advance(s, ttlticks);
        return true;
    }

    /**
     * The coarse correction after sleeping through more than one {@code schedcpu} pass ({@code lwp_slptime > 1}):
     * estcpu halves, bsd4's batch drops by a second of ticks, and the measurement restarts.
     */
    public void longSleep(UschedLwp s, long now) {
        s.estcpu >>= 1;
        s.batch = Math.max(0, s.batch - ESTCPUFREQ);
        restart(s, now);
    }

    /** A new measurement interval, starting now. */
    public void restart(UschedLwp s, long now) {
        s.cpbase = now;
        s.runtimeAtBase = s.thread.runtimeNanos();
    }

    /**
     * fork: the child starts {@code forkBias} queues behind its parent, and the parent pays {@code ESTCPUPPQ/16} so
     * that fork bombs sink ({@code dfly_forking}: bias 1; {@code bsd4_forking}: bias 4, batch at its midpoint).
     */
    public void forked(UschedLwp parent, UschedLwp child, int forkBias, long now) {
        child.estcpu = Math.min(parent.estcpu + ESTCPUPPQ * forkBias, max);
        child.batch = BATCHMAX / 2;
        parent.estcpu = Math.min(parent.estcpu + ESTCPUPPQ / 16, max);
        restart(child, now);
    }

    /** estcpu carried over from another scheduler's scale ({@code fromMax}) to this one's. */
    public int rescale(int estcpu, int fromMax) {
        return fromMax <= 0 ? 0 : (int) Math.min((long) estcpu * max / fromMax, max);
    }

    private static long ticksSince(UschedLwp s, long now) {
        long elapsed = now - s.cpbase;
        if (elapsed < 0) {
            // a clock boundary on another CPU: start over, as ttlticks < 0 does
            s.cpbase = now;
            return 0;
        }
        return elapsed / TICK_NANOS;
    }

    /** The share of one CPU the LWP used over the interval, scaled to {@code max}. */
    private long measured(UschedLwp s, long ttlticks) {
        long elapsed = ttlticks * TICK_NANOS;
        long ran = Math.clamp(s.thread.runtimeNanos() - s.runtimeAtBase, 0, elapsed);
        return ran * max / elapsed;
    }

    /** {@code lwp_cpbase += ttlticks * periodic}: the next interval starts at the last whole tick. */
    private static void advance(UschedLwp s, long ttlticks) {
        s.cpbase += ttlticks * TICK_NANOS;
        s.runtimeAtBase = s.thread.runtimeNanos();
    }
}
