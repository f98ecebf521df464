package org.odonata.sync.cna;

import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.QueueNode;
import org.odonata.api.sync.kit.QueueTokenBase;

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
 * cannot be torn by an operation that waits for its line. The nodes, grants, readers and giving up are the token
 * kit's {@link QueueTokenBase}, as for {@code mcs}.
 */
final class CnaToken extends QueueTokenBase<QueueNode> {

    /** {@code keep_lock_local}: flush the secondary queue once in this many hand-offs on average. */
    static final int FLUSH_ONE_IN = 1 << 16;

    private final CacheLine tail;
    private final RandomGenerator random;
    /** The node at the head (the holder, or one handing on), or {@code null} when the token is free. */
    private QueueNode head;
    /** Waiters behind the head, in queue order, and those moved aside for coming from another socket. */
    private final ArrayDeque<QueueNode> main = new ArrayDeque<>();
    private final ArrayDeque<QueueNode> secondary = new ArrayDeque<>();

    CnaToken(String name, Machine machine, RandomGenerator random) {
        super(name, machine, "cna");
        this.tail = memory.allocate("cna:" + name, 0, 0);
        allocateReaders();
        this.random = random;
    }

    @Override
    protected QueueNode newNode(int id, int cpu, int socket, CacheLine line) {
        return new QueueNode(id, cpu, socket, line);
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
        QueueNode node = freshNode(cpu);
        head = node;
        memory.compareAndSet(cpu, tail, 0, node.id + 1);
        return atHead(cpu, owner, mode, node, false);
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        QueueNode node = freshNode(cpu);
        QueueNode pred = head == null ? null : main.isEmpty() ? head : main.peekLast();
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
            return (pred == null || awaitGrant(cpu, node)) && atHead(cpu, owner, mode, node, true);
        } finally {
            endWait(node);
        }
    }

    /**
     * {@code cna_unlock}: passes the head from {@code from} to a waiter on its socket if the main queue has one,
     * else to the secondary queue's head, else to the main queue's head, or frees the token if nobody waits;
     * skips and frees waiters that gave up.
     */
    @Override
    protected void handOff(int cpu, QueueNode from) {
        while (true) {
            if (main.isEmpty() && secondary.isEmpty()) {
                head = null;
                memory.compareAndSet(cpu, tail, from.id + 1, 0);
                free(from);
                return;
            }
            QueueNode next = successor(cpu, from);
            free(from);
            head = next;
            if (grant(cpu, next)) {
                return;
            }
            from = next;
        }
    }

    /** Chooses and dequeues the next head, moving skipped remote waiters to the secondary queue. */
    private QueueNode successor(int cpu, QueueNode from) {
        if (!main.isEmpty() && random.nextInt(FLUSH_ONE_IN) != 0) {
            for (QueueNode n : main) {
                memory.load(cpu, n.line);
                if (n.socket == from.socket) {
                    while (main.peekFirst() != n) {
                        QueueNode skipped = main.pollFirst();
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

    @Override
    public String toString() {
        return "cna token " + name() + " tail " + tail.peek() + ", " + main.size() + " waiting, " + secondary.size()
                + " aside";
    }
}
