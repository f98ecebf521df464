package org.odonata.hw.x86.engine;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.odonata.api.engine.EventHandle;

/**
 * Pending events ordered by (time, order of scheduling): equal times leave in FIFO order.
 * <p>
 * Cost: a 4-ary heap whose keys (time, sequence) sit interleaved in one {@code long[]}, so the four
 * children compared at each level share one or two cache lines; add and poll are O(log n) with no
 * boxing. Cancel is O(1): a cancelled event stays in the heap (lazy deletion) until it reaches the top,
 * or until cancelled events make up half the heap, when the heap is compacted in O(n).
 * Not thread-safe: an engine is confined to one host thread.
 */
public final class EventQueue {

    /** Heap arity; 4 halves the depth of a binary heap, and four children of 16 bytes fit a cache line. */
    private static final int ARITY = 4;
    /** Below this size compaction is not worth a pass over the heap. */
    private static final int MIN_COMPACT_SIZE = 64;

    /** keys[2i] = time, keys[2i + 1] = sequence of the event at heap slot i. */
    private long[] keys = new long[2 * 64];
    private Event[] events = new Event[64];
    private int size;
    private int cancelled;
    private long nextSequence;

    /** Schedules {@code action} at {@code time}; the queue does not check time against any clock. */
    public EventHandle add(long time, Runnable action) {
        Event event = new Event(this, time, Objects.requireNonNull(action, "action"));
        if (size == events.length) {
            grow();
        }
        siftUp(size++, time, nextSequence++, event);
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
        return size == 0 ? Long.MAX_VALUE : keys[0];
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

    private void dropCancelledTop() {
        while (size > 0 && events[0].isCancelled()) {
            removeTop();
            cancelled--;
        }
    }

    private void removeTop() {
        int last = --size;
        Event moved = events[last];
        events[last] = null;
        if (last > 0) {
            siftDown(0, keys[2 * last], keys[2 * last + 1], moved);
        }
    }

    private void onCancel() {
        cancelled++;
        if (size >= MIN_COMPACT_SIZE && cancelled > size / 2) {
            compact();
        }
    }

    /** Drops every cancelled event and rebuilds the heap bottom-up (Floyd), O(n). */
    private void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!events[i].isCancelled()) {
                events[kept] = events[i];
                keys[2 * kept] = keys[2 * i];
                keys[2 * kept + 1] = keys[2 * i + 1];
                kept++;
            }
        }
        Arrays.fill(events, kept, size, null);
        size = kept;
        cancelled = 0;
        for (int i = size < 2 ? -1 : (size - 2) / ARITY; i >= 0; i--) {
            siftDown(i, keys[2 * i], keys[2 * i + 1], events[i]);
        }
    }

    private void grow() {
        int capacity = events.length * 2;
        events = Arrays.copyOf(events, capacity);
        keys = Arrays.copyOf(keys, 2 * capacity);
    }

    /** Moves the hole at {@code i} up until (time, seq) fits, then stores the event there. */
    private void siftUp(int i, long time, long seq, Event event) {
        long[] k = keys;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            long pt = k[2 * parent];
            if (pt < time || (pt == time && k[2 * parent + 1] < seq)) {
                break;
            }
            place(i, pt, k[2 * parent + 1], events[parent]);
            i = parent;
        }
        place(i, time, seq, event);
    }

    /** Moves the hole at {@code i} down until (time, seq) fits, then stores the event there. */
    private void siftDown(int i, long time, long seq, Event event) {
        long[] k = keys;
        int n = size;
        while (true) {
            int first = ARITY * i + 1;
            if (first >= n) {
                break;
            }
            int end = Math.min(first + ARITY, n);
            int min = first;
            long mt = k[2 * first];
            long ms = k[2 * first + 1];
            for (int c = first + 1; c < end; c++) {
                long ct = k[2 * c];
                if (ct < mt || (ct == mt && k[2 * c + 1] < ms)) {
                    min = c;
                    mt = ct;
                    ms = k[2 * c + 1];
                }
            }
            if (time < mt || (time == mt && seq < ms)) {
                break;
            }
            place(i, mt, ms, events[min]);
            i = min;
        }
        place(i, time, seq, event);
    }

    private void place(int i, long time, long seq, Event event) {
        keys[2 * i] = time;
        keys[2 * i + 1] = seq;
        events[i] = event;
    }

    /** One scheduled action; its action is dropped once it runs or is cancelled, so the heap holds no garbage. */
    private static final class Event implements EventHandle {
        private final EventQueue queue;
        private final long time;
        private Runnable action;
        private boolean cancelled;

        Event(EventQueue queue, long time, Runnable action) {
            this.queue = queue;
            this.time = time;
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
