package org.odonata.vm.page;

/**
 * An intrusive FIFO of pages ({@code TAILQ} of {@code pageq}): O(1) insert at the tail, removal anywhere. A page is
 * on at most one: its free queue, the cache queue, or its pool's member list.
 */
public final class PageList {

    private VmPage head;
    private VmPage tail;
    private int size;

    public int size() {
        return size;
    }

    public VmPage head() {
        return head;
    }

    public void addTail(VmPage p) {
        p.qprev = tail;
        p.qnext = null;
        if (tail == null) {
            head = p;
        } else {
            tail.qnext = p;
        }
        tail = p;
        size++;
    }

    /** The page after {@code p}, or null: walks the list from {@link #head()}. */
    public static VmPage next(VmPage p) {
        return p.qnext;
    }

    public void remove(VmPage p) {
        if (p.qprev == null) {
            head = p.qnext;
        } else {
            p.qprev.qnext = p.qnext;
        }
        if (p.qnext == null) {
            tail = p.qprev;
        } else {
            p.qnext.qprev = p.qprev;
        }
        p.qprev = null;
        p.qnext = null;
        size--;
    }
}
