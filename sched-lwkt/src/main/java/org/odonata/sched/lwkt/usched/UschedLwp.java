package org.odonata.sched.lwkt.usched;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;

/**
 * An LWP's state under a DragonFly-style user scheduler ({@code lwp_usdata}): the priority the queues sort by
 * (lower is better, class base included), its queue, the round-robin count, estcpu and the inputs of its
 * recalculation, and the links of the run queue it is on. One instance belongs to one scheduler instance
 * ({@code owner}); a scheduler that finds another's state replaces it, keeping only the estcpu fraction.
 */
public class UschedLwp {

    public final SchedThread thread;
    public final Object owner;
    /** ESTCPUMAX of the owner's scale, so another scheduler can carry estcpu over. */
    public final int estcpuMax;
    /** Class base + 0..127; {@link Priorities#NULL} when it has not been computed. */
    public int priority = Priorities.NULL;
    public SchedClass rqClass = SchedClass.NORMAL;
    public int rqIndex;
    /** schedclock ticks run since the LWP was last queued at a tail ({@code lwp_rrcount}). */
    public int rrcount;
    public int estcpu;
    /** bsd4's {@code lwp_batch}, 0..{@link EstCpu#BATCHMAX}: how batch-like the LWP has been (dfly ignores it). */
    public int batch;
    /** Virtual time and user runtime at the last estcpu recalculation ({@code lwp_cpbase}). */
    public long cpbase;
    public long runtimeAtBase;
    /** {@code TDF_MP_DIDYIELD}: sched_yield was called; the next requeue goes to the tail of its own queue. */
    public boolean didYield;

    RunQueues queue;
    UschedLwp prev;
    UschedLwp next;

    public UschedLwp(SchedThread thread, Object owner, int estcpuMax) {
        this.thread = thread;
        this.owner = owner;
        this.estcpuMax = estcpuMax;
    }

    public boolean queued() {
        return queue != null;
    }

    /**
     * The priority the queue position stands for (class base + queue index × PPQ): what a queued LWP competes
     * with, which after a yield is worse than {@link #priority}.
     */
    public int queuePriority() {
        return Priorities.classBase(rqClass) + rqIndex * Priorities.PPQ;
    }
}
