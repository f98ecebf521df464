package org.odonata.api.sync.kit;

import org.odonata.api.engine.EventHandle;

/**
 * One acquire in progress on a {@link TokenBase}: the CPU it spins on, and whether its spin budget ran out or the
 * token was abandoned, in which case it must give up at its next look. Subclass it to keep the algorithm's own
 * per-waiter state (a queue node, a ticket).
 */
public class TokenWaiter {

    public final int cpu;
    boolean expired;
    EventHandle deadline;
    long start;

    public TokenWaiter(int cpu) {
        this.cpu = cpu;
    }

    /** Its budget is spent or the token was abandoned: give up. */
    public final boolean expired() {
        return expired;
    }

    /** Makes a pooled waiter usable again. */
    protected final void reset() {
        expired = false;
    }
}
