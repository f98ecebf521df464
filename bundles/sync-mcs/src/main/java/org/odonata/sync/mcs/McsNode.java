package org.odonata.sync.mcs;

import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.kit.TokenWaiter;

/**
 * One CPU's queue node: a line of its own, homed on its NUMA node, holding the node's state in bits 0–1 and its
 * successor's id + 1 in the bits above (0: none yet). While in the queue it is its CPU's waiter.
 */
final class McsNode extends TokenWaiter {

    static final long WAITING = 0;
    static final long GRANTED = 1;
    /** Its waiter gave up; whoever would grant it passes the lock on and frees the node. */
    static final long ABANDONED = 2;
    private static final long STATE_MASK = 3;

    final int id;
    final CacheLine word;
    /** At the head of the queue, waiting for readers to drain (spinning on the readers line, not on this one). */
    boolean draining;

    McsNode(int id, int cpu, CacheLine word) {
        super(cpu);
        this.id = id;
        this.word = word;
    }

    /** Back to a fresh waiter, for its next use from the CPU's pool. */
    void recycle() {
        reset();
        draining = false;
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
