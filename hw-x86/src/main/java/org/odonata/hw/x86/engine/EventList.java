package org.odonata.hw.x86.engine;

/**
 * A singly linked list of events with its length and time bounds, linked through {@link Event#next}: the
 * ladder's unsorted top, and the list events wait on while they move from one part of the ladder to
 * another. Push and append are O(1) and touch only the new event (append also the old tail).
 */
final class EventList {

    Event head;
    private Event tail;
    int count;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    boolean isEmpty() {
        return head == null;
    }

    /** Prepends {@code e}: a list filled by pushes holds events of equal time newest first. */
    void push(Event e) {
        e.next = head;
        if (head == null) {
            tail = e;
        }
        head = e;
        note(e.time);
    }

    /** Appends {@code e}, keeping the order the events had on the list they come from. */
    void append(Event e) {
        e.next = null;
        if (head == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        note(e.time);
    }

    void clear() {
        head = null;
        tail = null;
        count = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }

    private void note(long time) {
        count++;
        min = Math.min(min, time);
        max = Math.max(max, time);
    }
}
