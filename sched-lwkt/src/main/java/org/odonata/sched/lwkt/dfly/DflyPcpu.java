package org.odonata.sched.lwkt.dfly;

import org.odonata.sched.lwkt.usched.RunQueues;

/**
 * One CPU's share of dfly ({@code struct usched_dfly_pcpu}): its run queues and the summed load of the LWPs
 * waiting in them. The designated LWP is not queued; its load is added by whoever asks for the CPU's load.
 */
final class DflyPcpu {

    final int cpu;
    final RunQueues queues = new RunQueues();
    /** Sum of {@link DflyLwp#uload} over the queued LWPs. */
    int queuedUload;
    /** The CPU had no user thread and was asked to reschedule: its helper may pull from other queues. */
    boolean helperWoken;

    DflyPcpu(int cpu) {
        this.cpu = cpu;
    }
}
