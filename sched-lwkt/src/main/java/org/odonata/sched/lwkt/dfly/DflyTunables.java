package org.odonata.sched.lwkt.dfly;

/**
 * {@code kern.usched_dfly.*}, with DragonFly's defaults in {@link #DEFAULTS}.
 *
 * @param weight1     keep a thread on its current CPU: subtracted from the score of the node holding it
 * @param weight2     pair a woken thread with its waker: bonus for the node holding the waker's CPU at every
 *                    level, except a penalty at an SMT core with ipcSmt 0 and at the CPU itself with ipcSame 0
 * @param weight3     per runnable thread on a CPU, on top of its uload
 * @param weight4     bonus for a CPU running a worse thread (or none)
 * @param weight5     bonus proportional to the node's share of the machine's memory
 * @param weight6     the rover pulls only if its CPU's uload + weight6/2 is below the worst queue's
 * @param weight7     an idle CPU's helper pulls only if its uload + weight7 is below the worst queue's
 * @param features    0x01 idle pulls, 0x02 pushes, 0x04 rover, 0x08 paced push on a reschedule, 0x20 best
 *                    queue for forked threads, 0x40 the parent's CPU for forked threads
 * @param fastResched a queued thread preempts only when better by more than this (priority units)
 * @param rrInterval  schedclock ticks of a round-robin quantum
 * @param pollTicks   hz ticks between the helper thread's polls of an idle CPU ({@code usched_dfly_poll_ticks})
 * @param ipcSmt      pairing onto SMT siblings: 0 off, anything else on (-1, "automatic", acts as on: see
 *                    {@link #pairs})
 * @param ipcSame     pairing onto the waker's own CPU: 0 off, anything else on (-1 acts as on)
 * @param forkBias    queues a child starts behind its parent ({@code debug.dfly_forkbias})
 */
public record DflyTunables(int weight1, int weight2, int weight3, int weight4, int weight5, int weight6,
        int weight7, int features, int fastResched, int rrInterval, int pollTicks, int ipcSmt, int ipcSame,
        int forkBias) {

    public static final DflyTunables DEFAULTS = new DflyTunables(30, 180, 10, 120, 50, 0, -100, 0x2f, 2, 5, 1, -1,
            -1, 1);

    static final int IDLE_PULL = 0x01;
    static final int PUSH = 0x02;
    static final int ROVER = 0x04;
    static final int PUSH_EXPIRED = 0x08;
    static final int FORK_BEST = 0x20;
    static final int FORK_SAME = 0x40;

    public DflyTunables {
        if (rrInterval < 1) {
            throw new IllegalArgumentException("rrInterval must be at least 1, was " + rrInterval);
        }
        if (pollTicks < 0) {
            throw new IllegalArgumentException("pollTicks must not be negative, was " + pollTicks);
        }
    }

    boolean has(int feature) {
        return (features & feature) != 0;
    }

    /**
     * Whether weight2 advantages (rather than disadvantages) the waker's node for an ipc tunable, as
     * {@code dfly_choose_best_queue} codes it: its "automatic" value -1 advantages when the one-minute load average
     * reaches the threshold, and its next branch advantages for any non-zero value, -1 included, so only 0
     * disadvantages and the load average cannot change the outcome (the comment's load-dependent intent is not what
     * the 2020 code does).
     */
    static boolean pairs(int ipc) {
        return ipc != 0;
    }
}
