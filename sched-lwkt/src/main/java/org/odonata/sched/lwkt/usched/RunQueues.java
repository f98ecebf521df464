package org.odonata.sched.lwkt.usched;

import java.util.List;
import java.util.function.Consumer;

import org.odonata.api.sched.SchedClass;

/**
 * One set of DragonFly run queues: three classes (realtime, normal, idle) of 32 FIFO queues, each class with a
 * 32-bit bitmap of non-empty queues, so the best queue is a find-first-set and the worst a find-last-set.
 * Queues are doubly linked through {@link UschedLwp}, so insertion at either end and removal of any member are
 * O(1); iteration in run order is O(queued).
 */
public final class RunQueues {

    private static final SchedClass[] BEST_FIRST = {SchedClass.REALTIME, SchedClass.NORMAL, SchedClass.IDLE};

    private final UschedLwp[][] heads = new UschedLwp[3][Priorities.NQS];
    private final UschedLwp[][] tails = new UschedLwp[3][Priorities.NQS];
    private final int[] bits = new int[3];
    private int count;

    public int count() {
        return count;
    }

    /** The bitmap of non-empty queues of class {@code c}. */
    public int bits(SchedClass c) {
        return bits[c.ordinal()];
    }

    /** Queues {@code s} on queue {@code s.rqClass}/{@code s.rqIndex}, at the head or the tail. */
    public void insert(UschedLwp s, boolean atHead) {
        if (s.queue != null) {
            throw new IllegalStateException("LWP " + s.thread.tid() + " is already queued");
        }
        int c = s.rqClass.ordinal();
        int q = s.rqIndex;
        s.queue = this;
        if (heads[c][q] == null) {
            s.prev = null;
            s.next = null;
            heads[c][q] = s;
            tails[c][q] = s;
            bits[c] |= 1 << q;
        } else if (atHead) {
            s.prev = null;
            s.next = heads[c][q];
            heads[c][q].prev = s;
            heads[c][q] = s;
        } else {
            s.next = null;
            s.prev = tails[c][q];
            tails[c][q].next = s;
            tails[c][q] = s;
        }
        count++;
    }

    /** Unlinks {@code s}; false when it is not on this set. */
    public boolean remove(UschedLwp s) {
        if (s.queue != this) {
            return false;
        }
        int c = s.rqClass.ordinal();
        int q = s.rqIndex;
        if (s.prev == null) {
            heads[c][q] = s.next;
        } else {
            s.prev.next = s.next;
        }
        if (s.next == null) {
            tails[c][q] = s.prev;
        } else {
            s.next.prev = s.prev;
        }
        if (heads[c][q] == null) {
            bits[c] &= ~(1 << q);
        }
        s.prev = null;
        s.next = null;
        s.queue = null;
        count--;
        return true;
    }

    /** The head of the best non-empty queue (realtime before normal before idle), or null. */
    public UschedLwp best() {
        for (SchedClass c : BEST_FIRST) {
            int b = bits[c.ordinal()];
            if (b != 0) {
                return heads[c.ordinal()][Integer.numberOfTrailingZeros(b)];
            }
        }
        return null;
    }

    /** The tail of the worst non-empty queue (idle before normal before realtime), or null. */
    public UschedLwp worst() {
        for (int i = BEST_FIRST.length - 1; i >= 0; i--) {
            int c = BEST_FIRST[i].ordinal();
            if (bits[c] != 0) {
                return tails[c][31 - Integer.numberOfLeadingZeros(bits[c])];
            }
        }
        return null;
    }

    /** Appends queue {@code c}/{@code q}'s members to {@code out}, head first, emptying it. */
    public void drainQueue(SchedClass c, int q, List<UschedLwp> out) {
        for (UschedLwp s = heads[c.ordinal()][q]; s != null; s = heads[c.ordinal()][q]) {
            remove(s);
            out.add(s);
        }
    }

    /** Visits every member in run order; the visitor must not modify the queues. */
    public void forEach(Consumer<UschedLwp> visitor) {
        for (SchedClass c : BEST_FIRST) {
            for (int q = 0; q < Priorities.NQS; q++) {
                for (UschedLwp s = heads[c.ordinal()][q]; s != null; s = s.next) {
                    visitor.accept(s);
                }
            }
        }
    }

    /** The classes in run order, for callers that merge several queue sets. */
    public static SchedClass[] classesBestFirst() {
        return BEST_FIRST.clone();
    }

    /** The first LWP in run order within {@code limit} members of the best queue matching {@code test}. */
    public UschedLwp firstOfBestQueue(java.util.function.Predicate<UschedLwp> test, int limit) {
        UschedLwp best = best();
        int seen = 0;
        for (UschedLwp s = best; s != null && seen < limit; s = s.next, seen++) {
            if (test.test(s)) {
                return s;
            }
        }
        return null;
    }
}
