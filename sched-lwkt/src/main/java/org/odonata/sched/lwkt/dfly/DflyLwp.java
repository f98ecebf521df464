package org.odonata.sched.lwkt.dfly;

import org.odonata.api.sched.SchedThread;
import org.odonata.sched.lwkt.usched.UschedLwp;

/** dfly's per-LWP state: the shared usched state plus the CPU whose queue owns it and its load contribution. */
final class DflyLwp extends UschedLwp {

    /** The CPU whose queue holds (or last held) the LWP ({@code lwp_qcpu}). */
    int qcpu;
    /** estcpu/32 scaled by nice ({@code lwp_uload}): what the LWP adds to a CPU's uload. */
    int uload;

    DflyLwp(SchedThread thread, DflyScheduler owner, int estcpuMax) {
        super(thread, owner, estcpuMax);
    }
}
