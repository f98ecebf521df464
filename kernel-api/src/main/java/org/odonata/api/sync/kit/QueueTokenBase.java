package org.odonata.api.sync.kit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;

/**
 * The part of an MCS-style queue lock that MCS and its descendants (CNA, …) share: per-CPU pools of queue nodes
 * on their CPUs' NUMA nodes, the grant (a CAS from WAITING to GRANTED on the successor's own line, which loses to
 * a waiter that gave up first), giving up (a CAS to ABANDONED on the waiter's own line, which wakes it), and
 * readers: a reader at the head counts itself on a readers line and hands the queue on at once, a writer at the
 * head waits for the readers to drain. A subclass writes how a node joins the queue and whom the head passes to
 * ({@link #handOff}).
 *
 * @param <N> the algorithm's node
 */
public abstract class QueueTokenBase<N extends QueueNode> extends TokenBase<N> {

    /** Added to the readers line by a draining writer's deadline; the low 32 bits count readers. */
    private static final long READERS_WAKE_ONE = 1L << 32;
    private static final long READERS_MASK = READERS_WAKE_ONE - 1;

    private final String linePrefix;
    private final List<N> nodes = new ArrayList<>();
    private final List<ArrayDeque<N>> freeNodes = new ArrayList<>();
    private CacheLine readers;
    /** The exclusive owner's node, kept beside the lock word like the owner (so not priced separately). */
    private N ownerNode;

    /** @param linePrefix names the lock's lines ({@code mcs} makes {@code mcs:vm_token:cpu3}) */
    protected QueueTokenBase(String name, Machine machine, String linePrefix) {
        super(name, machine);
        this.linePrefix = linePrefix;
        for (int i = 0; i < machine.topology().cpuCount(); i++) {
            freeNodes.add(new ArrayDeque<>(1));
        }
    }

    /** Allocates the readers line; a subclass calls it once in its constructor, after its tail line. */
    protected final void allocateReaders() {
        readers = memory.allocate(linePrefix + ":" + name() + ":readers", 0, 0);
    }

    /** Makes a node (called the first time a CPU needs one more): the algorithm's subclass of {@link QueueNode}. */
    protected abstract N newNode(int id, int cpu, int socket, CacheLine line);

    /**
     * Passes the head of the queue from {@code from} to the next waiter, or empties the queue, freeing nodes whose
     * waiters gave up; {@code from} is freed.
     */
    protected abstract void handOff(int cpu, N from);

    /** The node with this id. */
    protected final N node(int id) {
        return nodes.get(id);
    }

    /** A node of this CPU's pool, reset to WAITING with no successor; a new one when all are in queues. */
    protected final N freshNode(int cpu) {
        N node = freeNodes.get(cpu).poll();
        if (node == null) {
            int home = machine.topology().cpu(cpu).numaNode();
            node = newNode(nodes.size(), cpu, home, memory.allocate(linePrefix + ":" + name() + ":cpu" + cpu, home,
                    0));
            nodes.add(node);
        }
        node.reset();
        node.draining = false;
        memory.store(cpu, node.line, QueueNode.WAITING);
        return node;
    }

    /** Back to its CPU's pool (it must be in no queue). */
    protected final void free(N node) {
        freeNodes.get(node.cpu).push(node);
    }

    /** Spins on the node's own line until it is granted or abandoned; returns whether it was granted. */
    protected final boolean awaitGrant(int cpu, N node) {
        long v = memory.load(cpu, node.line);
        while (QueueNode.state(v) == QueueNode.WAITING) {
            v = memory.spinUntilChanged(cpu, node.line, v);
        }
        return QueueNode.state(v) == QueueNode.GRANTED;
    }

    /** CAS from WAITING to GRANTED on the successor's own line; false if its waiter gave up first. */
    protected final boolean grant(int cpu, N successor) {
        long v = memory.load(cpu, successor.line);
        while (QueueNode.state(v) == QueueNode.WAITING) {
            if (memory.compareAndSet(cpu, successor.line, v, v | QueueNode.GRANTED)) {
                return true;
            }
            v = memory.load(cpu, successor.line);
        }
        return false;
    }

    /**
     * The node heads the queue: a reader counts itself and hands on; a writer waits for the readers to drain,
     * unless its budget runs out first or it may not wait (a tryAcquire), and then hands on.
     */
    protected final boolean atHead(int cpu, long owner, TokenMode mode, N node, boolean mayWait) {
        if (mode == TokenMode.SHARED) {
            memory.fetchAdd(cpu, readers, 1);
            handOff(cpu, node);
            return true;
        }
        node.draining = true;
        long r = memory.load(cpu, readers);
        while ((r & READERS_MASK) != 0) {
            if (!mayWait || node.expired()) {
                handOff(cpu, node);
                return false;
            }
            r = memory.spinUntilChanged(cpu, readers, r);
        }
        own(owner);
        ownerNode = node;
        return true;
    }

    @Override
    protected final void releaseExclusive(int cpu) {
        handOff(cpu, ownerNode);
    }

    @Override
    protected final boolean releaseShared(int cpu, long owner) {
        return (memory.fetchAdd(cpu, readers, -1) & READERS_MASK) != 0;
    }

    /**
     * The deadline or an abandon, run on the waiter's behalf: a queued waiter abandons its node by CAS on its own
     * line (which wakes it); a draining writer is woken through the readers line.
     */
    @Override
    protected final void wake(N node) {
        if (node.draining) {
            memory.fetchAdd(node.cpu, readers, READERS_WAKE_ONE);
            return;
        }
        long v = memory.load(node.cpu, node.line);
        while (QueueNode.state(v) == QueueNode.WAITING
                && !memory.compareAndSet(node.cpu, node.line, v, v | QueueNode.ABANDONED)) {
            v = memory.load(node.cpu, node.line);
        }
    }

    /** How many readers hold the token now (without charging anyone): for descriptions. */
    protected final long readersNow() {
        return readers.peek() & READERS_MASK;
    }
}
