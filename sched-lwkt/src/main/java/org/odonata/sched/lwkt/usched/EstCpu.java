package org.odonata.sched.lwkt.usched;

/**
 * estcpu, the recent-CPU-use estimate that drives the normal-class priority. Each schedclock tick
 * ({@value #ESTCPUFREQ} Hz) the running LWP gains {@code max/ESTCPUFREQ + 1}, so a hog saturates in about a
 * second; a recalculation, at most once per {@value #RECALC_TICKS} ticks, blends in the CPU share measured
 * since the previous one (inflated when more LWPs are runnable than there are CPUs, so a hog sharing a CPU
 * still reads as a hog) as an exponential average: fast for the first {@code decay} recalculations after a
 * start or a long sleep, then with weight {@code decay}. A sleep of more than a second halves it.
 * <p>
 * Cost: O(1) per call; the share is measured from the LWP's runtime, never sampled per tick.
 */
public final class EstCpu {

    public static final int ESTCPUFREQ = 50;
    public static final long TICK_NANOS = 1_000_000_000L / ESTCPUFREQ;
    public static final int RECALC_TICKS = 4;
    /** A sleep longer than this halves estcpu ({@code lwp_slptime > 1}). */
    public static final long LONG_SLEEP_NANOS = 1_000_000_000L;
    /** estcpu units per priority queue in both schedulers. */
    public static final int ESTCPUPPQ = 512;

    private final int max;
    private final int decay;

    /**
     * @param max   ESTCPUMAX
     * @param decay weight of the old value in the slow phase, 1..1024 ({@code usched_dfly_decay})
     */
    public EstCpu(int max, int decay) {
        this.max = max;
        this.decay = Math.clamp(decay, 1, 1024);
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
     * Blends the measured share into estcpu unless fewer than {@value #RECALC_TICKS} ticks passed since the
     * last recalculation; returns whether estcpu was recalculated.
     *
     * @param runnable LWPs running or queued on the whole machine ({@code dfly_ucount})
     */
    public boolean recalculate(UschedLwp s, long now, int runnable, int ncpus) {
        long elapsed = now - s.cpbase;
        if (elapsed < RECALC_TICKS * TICK_NANOS) {
            if (elapsed < 0) {
                restart(s, now);
            }
            return false;
        }
        long ran = Math.clamp(s.thread.runtimeNanos() - s.runtimeAtBase, 0, elapsed);
        long measured = ran * max / elapsed;
        if (runnable > ncpus) {
            measured += measured * (runnable - ncpus) / ncpus;
        }
        long blended;
        if (s.estfast < decay) {
            s.estfast++;
            blended = ((long) s.estcpu * s.estfast + measured) / (s.estfast + 1);
        } else {
            blended = ((long) s.estcpu * decay + measured) / (decay + 1);
        }
        s.estcpu = (int) Math.min(blended, max);
        s.cpbase = now;
        s.runtimeAtBase = s.thread.runtimeNanos();
        return true;
    }

    /** On wakeup: halves estcpu after a long sleep and restarts the measurement; returns whether it did. */
    public boolean wokeUp(UschedLwp s, long now) {
        if (s.thread.lastSleepNanos() <= LONG_SLEEP_NANOS) {
            return false;
        }
        s.estcpu >>= 1;
        restart(s, now);
        return true;
    }

    /** A new measurement interval in the fast phase (new LWPs, long sleepers). */
    public void restart(UschedLwp s, long now) {
        s.cpbase = now;
        s.runtimeAtBase = s.thread.runtimeNanos();
        s.estfast = 0;
    }

    /**
     * fork: the child starts {@code forkBias} queues behind its parent, and the parent pays
     * {@code ESTCPUPPQ/16} so that fork bombs sink.
     */
    public void forked(UschedLwp parent, UschedLwp child, int forkBias, long now) {
        child.estcpu = Math.min(parent.estcpu + ESTCPUPPQ * forkBias, max);
        parent.estcpu = Math.min(parent.estcpu + ESTCPUPPQ / 16, max);
        restart(child, now);
    }

    /** estcpu carried over from another scheduler's scale ({@code fromMax}) to this one's. */
    public int rescale(int estcpu, int fromMax) {
        return fromMax <= 0 ? 0 : (int) Math.min((long) estcpu * max / fromMax, max);
    }
}
