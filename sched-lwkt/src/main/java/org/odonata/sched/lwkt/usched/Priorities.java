package org.odonata.sched.lwkt.usched;

import org.odonata.api.sched.SchedClass;

/**
 * The priority space both schedulers share ({@code MAXPRI} 128 per class, lower is better): realtime 0,
 * normal 128, idle 256, and 512 for "no user thread" ({@code PRIBASE_NULL}). Thirty-two queues per class
 * hold {@code PPQ} = 4 priorities each, and most comparisons are made at queue granularity.
 */
public final class Priorities {

    public static final int MAXPRI = 128;
    public static final int PRIMASK = MAXPRI - 1;
    public static final int NQS = 32;
    public static final int PPQ = MAXPRI / NQS;
    public static final int PPQMASK = PPQ - 1;
    public static final int BASE_REALTIME = 0;
    public static final int BASE_NORMAL = MAXPRI;
    public static final int BASE_IDLE = MAXPRI * 2;
    public static final int NULL = MAXPRI * 4;
    public static final int PRIO_MIN = -20;
    public static final int PRIO_MAX = 20;
    public static final int PRIO_RANGE = PRIO_MAX - PRIO_MIN + 1;

    private Priorities() {
    }

    /** The best priority of a class ({@code PRIBASE_*}). */
    public static int classBase(SchedClass c) {
        return switch (c) {
            case REALTIME -> BASE_REALTIME;
            case NORMAL -> BASE_NORMAL;
            case IDLE -> BASE_IDLE;
        };
    }

    /**
     * The priority of a realtime or idle LWP: its class base plus its rtprio level (0..31), so the 32 levels share
     * the class's first 8 queues, 4 to a queue, as in {@code dfly_resetpriority}/{@code bsd4_resetpriority}.
     */
    public static int rtPriority(SchedClass c, int level) {
        return classBase(c) + (level & PRIMASK);
    }

    /** The priority rounded down to its queue ({@code priority & ~PPQMASK}). */
    public static int masked(int priority) {
        return priority & ~PPQMASK;
    }

    public static int queueIndex(int priority) {
        return (priority & PRIMASK) / PPQ;
    }

    /** The LWKT tie-break hint, higher runs first ({@code td_upri = -(priority & ~PPQMASK)}). */
    public static int upri(int priority) {
        return -masked(priority);
    }
}
