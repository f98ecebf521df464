package org.odonata.sync.mcs;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.QueueNode;
import org.odonata.api.sync.kit.QueueTokenBase;

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
 * it; the CPU takes a fresh node meanwhile (nodes are pooled per CPU). The nodes, grants, readers and giving up
 * are the token kit's {@link QueueTokenBase}; this class is MCS's queue: joining it and handing it on.
 */
final class McsToken extends QueueTokenBase<QueueNode> {

    private final CacheLine tail;

    McsToken(String name, Machine machine) {
        super(name, machine, "mcs");
        this.tail = memory.allocate("mcs:" + name, 0, 0);
        allocateReaders();
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
        long last = memory.load(cpu, tail);
        if (last != 0) {
            return false;
        }
        QueueNode node = freshNode(cpu);
        if (!memory.compareAndSet(cpu, tail, 0, node.id + 1)) {
            free(node);
            return false;
        }
        return atHead(cpu, owner, mode, node, false);
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        QueueNode node = freshNode(cpu);
        int pred = (int) memory.exchange(cpu, tail, node.id + 1);
        if (pred != 0) {
            memory.fetchAdd(cpu, node(pred - 1).line, node.linkOf());
        }
        // the budget covers the wait in the queue and, for a writer at the head, the wait for readers to drain
        startWait(node, spinBudgetNanos);
        try {
            return (pred == 0 || awaitGrant(cpu, node)) && atHead(cpu, owner, mode, node, true);
        } finally {
            endWait(node);
        }
    }

    /**
     * Passes the head of the queue from {@code node} to its successor: empties the queue if there is none (or
     * waits for a successor that has swapped the tail but not linked yet), and passes on past successors that
     * gave up, freeing their nodes.
     */
    @Override
    protected void handOff(int cpu, QueueNode node) {
        while (true) {
            long v = memory.load(cpu, node.line);
            if (QueueNode.next(v) == 0) {
                if (memory.compareAndSet(cpu, tail, node.id + 1, 0)) {
                    free(node);
                    return;
                }
                while (QueueNode.next(v) == 0) {
                    v = memory.spinUntilChanged(cpu, node.line, v);
                }
            }
            QueueNode successor = node(QueueNode.next(v) - 1);
            free(node);
            if (grant(cpu, successor)) {
                return;
            }
            node = successor;
        }
    }

    @Override
    public String toString() {
        return "mcs token " + name() + " tail " + tail.peek() + " readers " + readersNow();
    }
}
