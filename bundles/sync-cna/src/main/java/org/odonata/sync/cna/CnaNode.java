package org.odonata.sync.cna;

import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.kit.TokenWaiter;

/**
 * One CPU's queue node: a line of its own, homed on its NUMA node, holding the node's state in bits 0–1 and, as
 * MCS keeps it, its successor's id + 1 above; the node also records its socket, which the releaser reads.
 */
final class CnaNode extends TokenWaiter {

    static final long WAITING = 0;
    static final long GRANTED = 1;
    /** Its waiter gave up; the releaser skips it and frees it. */
    static final long ABANDONED = 2;
    private static final long STATE_MASK = 3;

    final int id;
    final int socket;
    final CacheLine line;
    /** At the head, waiting for readers to drain (spinning on the readers line). */
    boolean draining;

    CnaNode(int id, int cpu, int socket, CacheLine line) {
        super(cpu);
        this.id = id;
        this.socket = socket;
        this.line = line;
    }

    static long state(long word) {
        return word & STATE_MASK;
    }

    /** What a successor adds to this node's word to link itself. */
    long linkOf() {
        return (long) (id + 1) << 2;
    }

    void recycle() {
        reset();
        draining = false;
    }
}
