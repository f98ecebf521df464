package org.odonata.sched.lwkt.dfly;

import org.odonata.api.sched.SchedThread;
import org.odonata.sched.lwkt.usched.UschedLwp;

/** dfly's per-LWP state: the shared usched state plus the CPU whose queue owns it and its load contribution. */
final class DflyLwp extends UschedLwp {

    /** The CPU whose queue holds (or last held) the LWP ({@code lwp_qcpu}). */
    int qcpu;
    /** estcpu/32 scaled by nice ({@code lwp_uload}): what the LWP adds to a CPU's uload. */
    int uload;
    /** {@code LWP_MP_ULOAD}: its uload and one ucount are counted on {@link #qcpu}. */
    boolean counted;
    /** {@code lwp_forked}: placed by the fork rules at its first setrunqueue. */
    boolean forked;
    /** The CPU a paced push chose for the requeue that follows ({@code shouldYieldTo}), or -1. */
    int pushTo = -1;

    DflyLwp(SchedThread thread, DflyScheduler owner, int estcpuMax) {
        super(thread, owner, estcpuMax);
    }
}
