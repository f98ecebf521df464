package org.odonata.sync.mcs;

import static org.odonata.sync.mcs.McsNode.ABANDONED;
import static org.odonata.sync.mcs.McsNode.GRANTED;
import static org.odonata.sync.mcs.McsNode.WAITING;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.TokenBase;

/**
 * A token as an MCS queue lock: a tail line naming the last queued node, and a node per waiting CPU on a line of
 * its own. Guarantee: requests are served in the order they swapped themselves into the tail; exclusive holders
 * exclude everyone, shared holders coexist, the exclusive owner's further requests succeed at once, and a
 * request that gives up leaves nothing that delays a later one. Cost: an uncontended acquire is a store to the
 * CPU's own node, an exchange on the tail and a load of the readers line, a release a load and a CAS; a
 * hand-off writes only the next waiter's line, so it costs that one transfer (and the waiter's reload) however
 * many CPUs wait.
 * <p>
 * Shared mode: readers queue like writers; at the head a reader counts itself on the readers line and hands the
 * queue on at once, so consecutive readers overlap; a writer at the head spins on the readers line until it
 * drains (the one spin not on the waiter's own line). A reader that asks again while a writer is queued waits
 * for that writer, which waits for it: the request gives up at its budget and the kernel's retry after the
 * switch (which drops its holds) ends the cycle.
 * <p>
 * Giving up: the waiter's deadline (or {@link #abandon()}) moves its node from WAITING to ABANDONED by CAS, a
 * write of the waiter's own line that ends its spin; the releaser's grant is a CAS from WAITING too, so exactly
 * one of them wins. A releaser that finds its successor abandoned passes the lock on from that node and frees
 * it; the CPU takes a fresh node meanwhile (nodes are pooled per CPU). The owner's recursion and the release
 * checks are {@link TokenBase}'s.
 */
final class McsToken extends TokenBase<McsNode> {

    /** Added to the readers line by a draining writer's deadline; the low 32 bits count readers. */
    private static final long READERS_WAKE_ONE = 1L << 32;
    private static final long READERS_MASK = READERS_WAKE_ONE - 1;

    private final CacheLine tail;
    private final CacheLine readers;
    private final List<McsNode> nodes = new ArrayList<>();
    private final List<ArrayDeque<McsNode>> freeNodes = new ArrayList<>();

    /** The exclusive owner's node, kept beside the tail like the owner (so not priced separately). */
    private McsNode ownerNode;

    McsToken(String name, Machine machine) {
        super(name, machine);
        this.tail = memory.allocate("mcs:" + name, 0, 0);
        this.readers = memory.allocate("mcs:" + name + ":readers", 0, 0);
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
        long last = memory.load(cpu, tail);
        if (last != 0) {
            return false;
        }
        McsNode node = freshNode(cpu);
        if (!memory.compareAndSet(cpu, tail, 0, node.id + 1)) {
            freeNodes.get(cpu).push(node);
            return false;
        }
        return atHead(cpu, owner, mode, node);
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        McsNode node = freshNode(cpu);
        int pred = (int) memory.exchange(cpu, tail, node.id + 1);
        if (pred == 0) {
            return atHead(cpu, owner, mode, node);
        }
        memory.fetchAdd(cpu, nodes.get(pred - 1).word, node.linkOf());
        startWait(node, spinBudgetNanos);
        try {
            long v = memory.load(cpu, node.word);
            while (McsNode.state(v) == WAITING) {
                v = memory.spinUntilChanged(cpu, node.word, v);
            }
            return McsNode.state(v) == GRANTED && atHead(cpu, owner, mode, node);
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

    /**
     * The deadline or an abandon, run on the waiter's behalf: a queued waiter abandons its node by CAS on its own
     * line (which wakes it); a draining writer is woken through the readers line.
     */
    @Override
    protected void wake(McsNode node) {
        if (node.draining) {
            memory.fetchAdd(node.cpu, readers, READERS_WAKE_ONE);
            return;
        }
        long v = memory.load(node.cpu, node.word);
        while (McsNode.state(v) == WAITING && !memory.compareAndSet(node.cpu, node.word, v, v | ABANDONED)) {
            v = memory.load(node.cpu, node.word);
        }
    }

    /**
     * The node heads the queue: a reader counts itself and hands the queue on; a writer waits for the readers
     * to drain, unless its budget runs out first.
     */
    private boolean atHead(int cpu, long owner, TokenMode mode, McsNode node) {
        if (mode == TokenMode.SHARED) {
            memory.fetchAdd(cpu, readers, 1);
            handOff(cpu, node);
            return true;
        }
        node.draining = true;
        long r = memory.load(cpu, readers);
        while ((r & READERS_MASK) != 0) {
            if (node.expired()) {
                handOff(cpu, node);
                return false;
            }
            r = memory.spinUntilChanged(cpu, readers, r);
        }
        own(owner);
        this.ownerNode = node;
        return true;
    }

    /**
     * Passes the head of the queue from {@code node} to its successor: empties the queue if there is none (or
     * waits for a successor that has swapped the tail but not linked yet), and passes on past successors that
     * gave up, freeing their nodes.
     */
    private void handOff(int cpu, McsNode node) {
        while (true) {
            long v = memory.load(cpu, node.word);
            if (McsNode.next(v) == 0) {
                if (memory.compareAndSet(cpu, tail, node.id + 1, 0)) {
                    free(node);
                    return;
                }
                while (McsNode.next(v) == 0) {
                    v = memory.spinUntilChanged(cpu, node.word, v);
                }
            }
            McsNode successor = nodes.get(McsNode.next(v) - 1);
            free(node);
            if (grant(cpu, successor)) {
                return;
            }
            node = successor;
        }
    }

    /** CAS from WAITING to GRANTED on the successor's own line; false if its waiter gave up first. */
    private boolean grant(int cpu, McsNode successor) {
        long v = memory.load(cpu, successor.word);
        while (McsNode.state(v) == WAITING) {
            if (memory.compareAndSet(cpu, successor.word, v, v | GRANTED)) {
                return true;
            }
            v = memory.load(cpu, successor.word);
        }
        return false;
    }

    /** A node of this CPU's pool, reset to WAITING with no successor; a new one when all are in queues. */
    private McsNode freshNode(int cpu) {
        McsNode node = freeNodes.get(cpu).poll();
        if (node == null) {
            int home = machine.topology().cpu(cpu).numaNode();
            node = new McsNode(nodes.size(), cpu, memory.allocate("mcs:" + name() + ":cpu" + cpu, home, 0));
            nodes.add(node);
        }
        node.recycle();
        memory.store(cpu, node.word, WAITING);
        return node;
    }

    private void free(McsNode node) {
        freeNodes.get(node.cpu).push(node);
    }

    @Override
    public String toString() {
        return "mcs token " + name() + " tail " + tail.peek() + " readers " + (readers.peek() & READERS_MASK);
    }
}
