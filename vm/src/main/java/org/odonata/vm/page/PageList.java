package org.odonata.vm.page;

/** An intrusive FIFO of pages ({@code TAILQ} of {@code pageq}): O(1) insert at the tail, removal anywhere. */
final class PageList {

    private VmPage head;
    private VmPage tail;
    private int size;

    int size() {
        return size;
    }

    VmPage head() {
        return head;
    }

    void addTail(VmPage p) {
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

    void remove(VmPage p) {
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
