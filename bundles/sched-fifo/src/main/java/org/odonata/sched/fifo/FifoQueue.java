package org.odonata.sched.fifo;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.sched.SchedThread;

/**
 * The global run queue: a doubly linked list threaded through each LWP's {@link FifoLwp}, so append, poll and
 * removal of any member are O(1). An LWP is a member at most once; the node records which queue holds it.
 */
final class FifoQueue {

    private FifoLwp head;
    private FifoLwp tail;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void append(FifoLwp n) {
        if (n.queue != null) {
            throw new IllegalStateException("LWP " + n.thread.tid() + " is already queued");
        }
        n.queue = this;
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        size++;
    }

    SchedThread poll() {
        FifoLwp n = head;
        if (n == null) {
            return null;
        }
        remove(n);
        return n.thread;
    }

    /** Unlinks {@code n}; false when it is not on this queue. */
    boolean remove(FifoLwp n) {
        if (n.queue != this) {
            return false;
        }
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.queue = null;
        size--;
        return true;
    }

    /** Empties the queue, head first. */
    List<SchedThread> drain() {
        List<SchedThread> out = new ArrayList<>(size);
        for (SchedThread t = poll(); t != null; t = poll()) {
            out.add(t);
        }
        return out;
    }
}
