package org.odonata.sync.cna;

import static org.odonata.sync.cna.CnaNode.ABANDONED;
import static org.odonata.sync.cna.CnaNode.GRANTED;
import static org.odonata.sync.cna.CnaNode.WAITING;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.TokenBase;

/**
 * A token as a CNA lock (Compact NUMA-Aware lock, Dice and Kogan, EuroSys 2019): an MCS queue whose releaser
 * prefers a waiter on its own socket. Waiters enqueue as in MCS (an exchange on the tail line, a link written into
 * the predecessor's node) and spin on their own node's line. The releaser scans the main queue from its successor
 * for the first waiter on its socket (reading each node it passes), moves the waiters it skipped to a secondary
 * queue and hands over there; with no waiter on its socket left, it hands over to the secondary queue's head and
 * puts the main queue behind it. So the token stays on one socket, and the line with it, while that socket has
 * waiters; to keep remote waiters from waiting for ever, a releaser flushes the secondary queue back with
 * probability 2^-16 per hand-off ({@code keep_lock_local}), drawn from the implementation's seeded stream.
 * Readers and giving up are as in the {@code mcs} tokens: a reader at the head counts itself on a readers line and
 * hands on at once, a writer at the head waits for the readers to drain; a waiter that gives up marks its node
 * ABANDONED by CAS, and a releaser that finds it skips and frees it.
 * <p>
 * Simulator bookkeeping: the head and the two queues' order are kept in Java fields beside the simulated nodes,
 * and decide; every access the real lock makes (the tail exchange and CASes, reading a node's socket and state,
 * writing links and grants) is charged on the line it touches, so the costs are the lock's, while the order
 * cannot be torn by an operation that waits for its line.
 */
final class CnaToken extends TokenBase<CnaNode> {

    /** {@code keep_lock_local}: flush the secondary queue once in this many hand-offs on average. */
    static final int FLUSH_ONE_IN = 1 << 16;
    private static final long READERS_WAKE_ONE = 1L << 32;
    private static final long READERS_MASK = READERS_WAKE_ONE - 1;

    private final CacheLine tail;
    private final CacheLine readers;
    private final RandomGenerator random;
    private final List<CnaNode> nodes = new ArrayList<>();
    private final List<ArrayDeque<CnaNode>> freeNodes = new ArrayList<>();
    /** The node at the head (the holder, or one handing on), or {@code null} when the token is free. */
    private CnaNode head;
    /** Waiters behind the head, in queue order, and those moved aside for coming from another socket. */
    private final ArrayDeque<CnaNode> main = new ArrayDeque<>();
    private final ArrayDeque<CnaNode> secondary = new ArrayDeque<>();
    /** The exclusive owner's node. */
    private CnaNode ownerNode;

    CnaToken(String name, Machine machine, RandomGenerator random) {
        super(name, machine);
        this.tail = memory.allocate("cna:" + name, 0, 0);
        this.readers = memory.allocate("cna:" + name + ":readers", 0, 0);
        this.random = random;
        for (int i = 0; i < machine.topology().cpuCount(); i++) {
            freeNodes.add(new ArrayDeque<>(1));
        }
    }

    @Override
    protected void recheck(int cpu) {
        memory.load(cpu, tail);
    }

    @Override
    protected boolean tryTake(int cpu, long owner, TokenMode mode) {
        memory.load(cpu, tail);
        if (head != null) {
            return false;
        }
        CnaNode node = freshNode(cpu);
        head = node;
        memory.compareAndSet(cpu, tail, 0, node.id + 1);
        return atHead(cpu, owner, mode, node, false);
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        CnaNode node = freshNode(cpu);
        CnaNode pred = head == null ? null : main.isEmpty() ? head : main.peekLast();
        if (pred == null) {
            head = node;
        } else {
            main.addLast(node);
        }
        memory.exchange(cpu, tail, node.id + 1);
        if (pred != null) {
            memory.fetchAdd(cpu, pred.line, node.linkOf());
        }
        startWait(node, spinBudgetNanos);
        try {
            if (pred != null) {
                long v = memory.load(cpu, node.line);
                while (CnaNode.state(v) == WAITING) {
                    v = memory.spinUntilChanged(cpu, node.line, v);
                }
                if (CnaNode.state(v) != GRANTED) {
                    return false;
                }
            }
            return atHead(cpu, owner, mode, node, true);
        } finally {
            endWait(node);
        }
    }

    @Override
    protected void releaseExclusive(int cpu) {
        handOff(cpu, ownerNode);
    }

    @Override
    protected boolean releaseShared(int cpu, long owner) {
        return (memory.fetchAdd(cpu, readers, -1) & READERS_MASK) != 0;
    }

    /** A queued waiter abandons its node by CAS on its own line (which wakes it); a draining writer via readers. */
    @Override
    protected void wake(CnaNode node) {
        if (node.draining) {
            memory.fetchAdd(node.cpu, readers, READERS_WAKE_ONE);
            return;
        }
        long v = memory.load(node.cpu, node.line);
        while (CnaNode.state(v) == WAITING && !memory.compareAndSet(node.cpu, node.line, v, v | ABANDONED)) {
            v = memory.load(node.cpu, node.line);
        }
    }

    /** The node heads the queue: a reader counts itself and hands on; a writer waits for the readers to drain. */
    private boolean atHead(int cpu, long owner, TokenMode mode, CnaNode node, boolean mayWait) {
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

    /**
     * {@code cna_unlock}: passes the head from {@code from} to a waiter on its socket if the main queue has one,
     * else to the secondary queue's head, else to the main queue's head, or frees the token if nobody waits;
     * skips and frees waiters that gave up.
     */
    private void handOff(int cpu, CnaNode from) {
        while (true) {
            if (main.isEmpty() && secondary.isEmpty()) {
                head = null;
                memory.compareAndSet(cpu, tail, from.id + 1, 0);
                free(from);
                return;
            }
            CnaNode next = successor(cpu, from);
            free(from);
            head = next;
            if (grant(cpu, next)) {
                return;
            }
            from = next;
        }
    }

    /** Chooses and dequeues the next head, moving skipped remote waiters to the secondary queue. */
    private CnaNode successor(int cpu, CnaNode from) {
        if (!main.isEmpty() && random.nextInt(FLUSH_ONE_IN) != 0) {
            for (CnaNode n : main) {
                memory.load(cpu, n.line);
                if (n.socket == from.socket) {
                    while (main.peekFirst() != n) {
                        CnaNode skipped = main.pollFirst();
                        memory.fetchAdd(cpu, skipped.line, 0);
                        secondary.addLast(skipped);
                    }
                    return main.pollFirst();
                }
            }
        }
        if (!secondary.isEmpty()) {
            // the secondary queue goes first and the main queue follows; with the main queue empty its tail moves
            if (main.isEmpty()) {
                memory.compareAndSet(cpu, tail, from.id + 1, secondary.peekLast().id + 1);
            }
            while (!secondary.isEmpty()) {
                main.addFirst(secondary.pollLast());
            }
        }
        return main.pollFirst();
    }

    /** CAS from WAITING to GRANTED on the successor's own line; false if its waiter gave up first. */
    private boolean grant(int cpu, CnaNode successor) {
        long v = memory.load(cpu, successor.line);
        while (CnaNode.state(v) == WAITING) {
            if (memory.compareAndSet(cpu, successor.line, v, v | GRANTED)) {
                return true;
            }
            v = memory.load(cpu, successor.line);
        }
        return false;
    }

    /** A node of this CPU's pool, reset to WAITING with no successor; a new one when all are in queues. */
    private CnaNode freshNode(int cpu) {
        CnaNode node = freeNodes.get(cpu).poll();
        if (node == null) {
            int home = machine.topology().cpu(cpu).numaNode();
            node = new CnaNode(nodes.size(), cpu, home, memory.allocate("cna:" + name() + ":cpu" + cpu, home, 0));
            nodes.add(node);
        }
        node.recycle();
        memory.store(cpu, node.line, WAITING);
        return node;
    }

    private void free(CnaNode node) {
        freeNodes.get(node.cpu).push(node);
    }

    @Override
    public String toString() {
        return "cna token " + name() + " tail " + tail.peek() + ", " + main.size() + " waiting, " + secondary.size()
                + " aside";
    }
}
