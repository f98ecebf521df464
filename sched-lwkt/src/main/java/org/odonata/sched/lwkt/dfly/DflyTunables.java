package org.odonata.sched.lwkt.dfly;

/**
 * {@code kern.usched_dfly.*}, with DragonFly's defaults in {@link #DEFAULTS}.
 *
 * @param weight1     keep a thread on its current CPU: subtracted from the score of the node holding it
 * @param weight2     pair a woken thread with its waker: bonus (or, at SMT-core and CPU level below the
 *                    ipc thresholds, penalty) for the node holding the waker's CPU
 * @param weight3     per runnable thread on a CPU, on top of its uload
 * @param weight4     bonus for a CPU running a worse thread (or none)
 * @param weight5     bonus proportional to the node's share of the machine's memory
 * @param weight6     the rover pulls only if its CPU's uload + weight6/2 is below the worst queue's
 * @param weight7     an idle CPU's helper pulls only if its uload + weight7 is below the worst queue's
 * @param features    0x01 idle pulls, 0x02 pushes, 0x04 rover, 0x08 push on expired quantum, 0x20 best
 *                    queue for forked threads
 * @param fastResched a queued thread preempts only when better by more than this (priority units)
 * @param rrInterval  schedclock ticks of a round-robin quantum
 * @param decay       estcpu averaging weight
 * @param ipcSmt      pairing onto SMT siblings: 1 on, 0 off, -1 when runnable ≥ ncpus/2
 * @param ipcSame     pairing onto the waker's own CPU: 1 on, 0 off, -1 when runnable ≥ ncpus
 * @param forkBias    queues a child starts behind its parent ({@code debug.dfly_forkbias})
 */
public record DflyTunables(int weight1, int weight2, int weight3, int weight4, int weight5, int weight6,
        int weight7, int features, int fastResched, int rrInterval, int decay, int ipcSmt, int ipcSame,
        int forkBias) {

    public static final DflyTunables DEFAULTS = new DflyTunables(30, 180, 10, 120, 50, 0, -100, 0x2f, 2, 5, 8, -1,
            -1, 1);

    static final int IDLE_PULL = 0x01;
    static final int PUSH = 0x02;
    static final int ROVER = 0x04;
    static final int PUSH_EXPIRED = 0x08;

    public DflyTunables {
        if (rrInterval < 1) {
            throw new IllegalArgumentException("rrInterval must be at least 1, was " + rrInterval);
        }
    }

    boolean has(int feature) {
        return (features & feature) != 0;
    }

    /** Whether pairing applies at {@code threshold} for tunable {@code value} (1 on, 0 off, -1 automatic). */
    static boolean pairing(int value, int runnable, int threshold) {
        return value < 0 ? runnable >= threshold : value > 0;
    }
}
