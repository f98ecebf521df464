package org.odonata.sched.fifo;

import org.odonata.api.sched.SchedThread;

/** The fifo scheduler's per-LWP state: only its run-queue links; {@code queue} is null while not queued. */
final class FifoLwp {

    final SchedThread thread;
    final FifoScheduler owner;
    FifoQueue queue;
    FifoLwp prev;
    FifoLwp next;

    FifoLwp(SchedThread thread, FifoScheduler owner) {
        this.thread = thread;
        this.owner = owner;
    }
}
