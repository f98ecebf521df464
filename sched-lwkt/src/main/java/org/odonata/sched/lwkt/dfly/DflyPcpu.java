package org.odonata.sched.lwkt.dfly;

import org.odonata.api.sched.SchedLock;
import org.odonata.sched.lwkt.usched.RunQueues;

/**
 * One CPU's share of dfly ({@code struct usched_dfly_pcpu}): its run queues and its load, which counts every LWP
 * queued, designated or recently asleep whose {@code lwp_qcpu} it is.
 */
final class DflyPcpu {

    final int cpu;
    /** {@code dd->spin}: taken to queue on, pick from, pull from or reprioritise an LWP of this CPU. */
    final SchedLock spin;
    final RunQueues queues = new RunQueues();
    /** {@code dd->uload}, {@code dd->ucount}: the LWPs counted here ({@link DflyLwp#counted}). */
    int uload;
    int ucount;

    DflyPcpu(int cpu, SchedLock spin) {
        this.cpu = cpu;
        this.spin = spin;
    }
}
