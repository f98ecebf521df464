package org.odonata.api.sync.kit;

import org.odonata.api.memory.CacheLine;

/**
 * One CPU's node in a queue lock ({@link QueueTokenBase}): a line of its own, homed on the CPU's NUMA node,
 * holding the node's state in bits 0–1 and its successor's id + 1 above (MCS's {@code next}); while queued it is
 * its CPU's waiter.
 */
public class QueueNode extends TokenWaiter {

    public static final long WAITING = 0;
    public static final long GRANTED = 1;
    /** Its waiter gave up; whoever would grant it passes the lock on and frees the node. */
    public static final long ABANDONED = 2;
    private static final long STATE_MASK = 3;

    public final int id;
    /** The NUMA node its CPU belongs to. */
    public final int socket;
    public final CacheLine line;
    /** At the head of the queue, waiting for readers to drain (spinning on the readers line, not on its own). */
    boolean draining;

    public QueueNode(int id, int cpu, int socket, CacheLine line) {
        super(cpu);
        this.id = id;
        this.socket = socket;
        this.line = line;
    }

    public static long state(long word) {
        return word & STATE_MASK;
    }

    /** The successor's node id + 1, or 0. */
    public static int next(long word) {
        return (int) (word >>> 2);
    }

    /** What a successor adds to this node's word to link itself. */
    public final long linkOf() {
        return (long) (id + 1) << 2;
    }
}
