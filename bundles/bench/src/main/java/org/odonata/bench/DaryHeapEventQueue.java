package org.odonata.bench;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.odonata.api.engine.EventHandle;

/**
 * Control for {@link EventQueueBench}: the 8-ary heap the engine's ladder queue replaced, unchanged, so one
 * JMH run compares both on the same machine state. Pending events ordered by (time, order of scheduling).
 * <p>
 * Cost: a d-ary heap of times in a {@code long[]} with the events in a parallel array; add and poll are
 * O(log n) with no boxing. Only times are compared on the way down, and an event's sequence number is
 * read only on a tie (ties are mostly events due now, whose objects are still in cache). Poll moves the
 * hole to a leaf before placing the last event (Floyd's bottom-up deletion), which saves a comparison per
 * level because the last event nearly always belongs near the bottom. Cancel is O(1): a cancelled event
 * stays in the heap (lazy deletion) until it reaches the top, or until cancelled events make up half the
 * heap, when the live ones are re-inserted in one pass. Not thread-safe: an engine is confined to one host
 * thread.
 */
final class DaryHeapEventQueue {

    /** Heap arity: 8 children's times fill one 64-byte cache line, and the heap is a third as deep as a binary one. */
    private static final int ARITY = 8;
    private static final int INITIAL_CAPACITY = 64;
    /** Below this size compaction is not worth a pass over the heap. */
    private static final int MIN_COMPACT_SIZE = 64;

    private long[] times = new long[INITIAL_CAPACITY];
    private Event[] events = new Event[INITIAL_CAPACITY];
    private int size;
    private int cancelled;
    private long nextSequence;

    /** Schedules {@code action} at {@code time}; the queue does not check time against any clock. */
    public EventHandle add(long time, Runnable action) {
        Event event = new Event(this, time, nextSequence++, Objects.requireNonNull(action, "action"));
        if (size == events.length) {
            grow();
        }
        siftUp(size++, time, event);
        return event;
    }

    /** Events added and neither polled nor cancelled. */
    public int size() {
        return size - cancelled;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The time of the earliest pending event; {@link Long#MAX_VALUE} when none is pending. */
    public long peekTime() {
        dropCancelledTop();
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /**
     * Removes the earliest pending event and returns its action (read its time with {@link #peekTime()}
     * first).
     *
     * @throws NoSuchElementException when no event is pending
     */
    public Runnable poll() {
        dropCancelledTop();
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        Event top = events[0];
        removeTop();
        return top.take();
    }

    /** Reads the top event's flag only while some event is cancelled: that object is rarely in cache. */
    private void dropCancelledTop() {
        while (cancelled > 0 && events[0].isCancelled()) {
            removeTop();
            cancelled--;
        }
    }

    /** Floyd's deletion: the hole at the root descends along smallest children to a leaf, then the last event rises into it. */
    private void removeTop() {
        int last = --size;
        long lastTime = times[last];
        Event lastEvent = events[last];
        events[last] = null;
        if (last == 0) {
            return;
        }
        long[] t = times;
        Event[] e = events;
        int hole = 0;
        while (true) {
            int first = ARITY * hole + 1;
            if (first >= last) {
                break;
            }
            int end = Math.min(first + ARITY, last);
            int min = first;
            long minTime = t[first];
            for (int c = first + 1; c < end; c++) {
                long ct = t[c];
                if (ct < minTime || (ct == minTime && e[c].sequence < e[min].sequence)) {
                    min = c;
                    minTime = ct;
                }
            }
            t[hole] = minTime;
            e[hole] = e[min];
            hole = min;
        }
        siftUp(hole, lastTime, lastEvent);
    }

    private void onCancel() {
        cancelled++;
        if (size >= MIN_COMPACT_SIZE && cancelled > size / 2) {
            compact();
        }
    }

    /** Drops every cancelled event and re-inserts the rest in place: O(n) on average, O(n log n) at worst. */
    private void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Event event = events[i];
            if (!event.isCancelled()) {
                siftUp(kept++, times[i], event);
            }
        }
        Arrays.fill(events, kept, size, null);
        size = kept;
        cancelled = 0;
    }

    private void grow() {
        int capacity = events.length * 2;
        events = Arrays.copyOf(events, capacity);
        times = Arrays.copyOf(times, capacity);
    }

    /** Moves the hole at {@code i} up until {@code event} fits, then stores it there. */
    private void siftUp(int i, long time, Event event) {
        long[] t = times;
        Event[] e = events;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            long pt = t[parent];
            if (pt < time || (pt == time && e[parent].sequence < event.sequence)) {
                break;
            }
            t[i] = pt;
            e[i] = e[parent];
            i = parent;
        }
        t[i] = time;
        e[i] = event;
    }

    /** One scheduled action; its action is dropped once it runs or is cancelled, so the heap holds no garbage. */
    private static final class Event implements EventHandle {
        private final DaryHeapEventQueue queue;
        private final long time;
        /** Order of scheduling: breaks ties between equal times. */
        final long sequence;
        private Runnable action;
        private boolean cancelled;

        Event(DaryHeapEventQueue queue, long time, long sequence, Runnable action) {
            this.queue = queue;
            this.time = time;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public long time() {
            return time;
        }

        @Override
        public boolean pending() {
            return action != null;
        }

        @Override
        public boolean cancel() {
            if (action == null) {
                return false;
            }
            action = null;
            cancelled = true;
            queue.onCancel();
            return true;
        }

        boolean isCancelled() {
            return cancelled;
        }

        Runnable take() {
            Runnable a = action;
            action = null;
            return a;
        }

        @Override
        public String toString() {
            return "event@" + time + (cancelled ? " (cancelled)" : action == null ? " (ran)" : "");
        }
    }
}
