package org.odonata.sync.ticket;

import org.odonata.api.engine.EventHandle;

/** One acquire in progress, so that its deadline, or an abandon, can wake it and make it give up. */
final class TicketWaiter {

    final int cpu;
    /** Its budget is spent or the token was abandoned: it must give up at its next look. */
    boolean expired;
    EventHandle deadline;

    TicketWaiter(int cpu) {
        this.cpu = cpu;
    }
}
