package org.odonata.sync.mcs;

import org.odonata.api.engine.EventHandle;
import org.odonata.api.memory.CacheLine;

/**
 * One CPU's queue node: a line of its own, homed on its NUMA node, holding the node's state in bits 0–1 and its
 * successor's id + 1 in the bits above (0: none yet). While in the queue it also carries its waiter's deadline.
 */
final class McsNode {

    static final long WAITING = 0;
    static final long GRANTED = 1;
    /** Its waiter gave up; whoever would grant it passes the lock on and frees the node. */
    static final long ABANDONED = 2;
    private static final long STATE_MASK = 3;

    final int id;
    final int cpu;
    final CacheLine word;
    /** Its budget is spent or the token was abandoned. */
    boolean expired;
    /** At the head of the queue, waiting for readers to drain (spinning on the readers line, not on this one). */
    boolean draining;
    EventHandle deadline;

    McsNode(int id, int cpu, CacheLine word) {
        this.id = id;
        this.cpu = cpu;
        this.word = word;
    }

    static long state(long word) {
        return word & STATE_MASK;
    }

    /** The successor's node id + 1, or 0. */
    static int next(long word) {
        return (int) (word >>> 2);
    }

    /** What a successor adds to this node's word to link itself. */
    long linkOf() {
        return (long) (id + 1) << 2;
    }
}
