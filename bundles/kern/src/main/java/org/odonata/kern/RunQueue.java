package org.odonata.kern;

/**
 * One CPU's LWKT run queue ({@code gd_tdrunq}, {@code _lwkt_enqueue}): sorted by {@code td_pri} then
 * {@code td_upri}, both descending; a thread goes behind every thread of equal or higher (pri, upri), so equals
 * round-robin. Cost: insertion scans from the tail (O(1) for the common append), removal is O(1).
 */
final class RunQueue {

    private Td head;
    private Td tail;
    private int size;

    Td head() {
        return head;
    }

    int size() {
        return size;
    }

    void insert(Td td) {
        Td after = tail;
        while (after != null && higher(td, after)) {
            after = after.rqPrev;
        }
        td.rqPrev = after;
        td.rqNext = after == null ? head : after.rqNext;
        if (td.rqNext != null) {
            td.rqNext.rqPrev = td;
        } else {
            tail = td;
        }
        if (after != null) {
            after.rqNext = td;
        } else {
            head = td;
        }
        td.onRunq = true;
        size++;
    }

    void remove(Td td) {
        if (td.rqPrev != null) {
            td.rqPrev.rqNext = td.rqNext;
        } else {
            head = td.rqNext;
        }
        if (td.rqNext != null) {
            td.rqNext.rqPrev = td.rqPrev;
        } else {
            tail = td.rqPrev;
        }
        td.rqPrev = null;
        td.rqNext = null;
        td.onRunq = false;
        size--;
    }

    /**
     * lwkt_schedulerclock's round robin: moves {@code td} behind the last thread of its own {@code td_pri},
     * ignoring upri; returns whether it moved.
     */
    boolean rotate(Td td) {
        Td last = td;
        while (last.rqNext != null && last.rqNext.pri == td.pri) {
            last = last.rqNext;
        }
        if (last == td) {
            return false;
        }
        remove(td);
        td.rqPrev = last;
        td.rqNext = last.rqNext;
        if (last.rqNext != null) {
            last.rqNext.rqPrev = td;
        } else {
            tail = td;
        }
        last.rqNext = td;
        td.onRunq = true;
        size++;
        return true;
    }

    private static boolean higher(Td a, Td b) {
        return a.pri > b.pri || (a.pri == b.pri && a.upri > b.upri);
    }
}
