package org.odonata.hw.x86.engine;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.odonata.api.engine.EventHandle;

/**
 * Pending events ordered by (time, order of scheduling): equal times leave in FIFO order.
 * <p>
 * Cost: a ladder queue (Tang, Goh and Thng, 2005), amortized O(1) per add and poll for the distributions a
 * simulation produces, where a heap pays O(log n) cache misses. Events with times from {@code topStart} on
 * wait unsorted in the top. When everything earlier is gone the top is spread over a rung of buckets about
 * one event wide; a bucket of more than {@link #THRESHOLD} events is spread over a finer rung below, and a
 * smaller one (or one of a single time) is sorted into the bottom, from which events leave. An add goes to
 * the top, to the first rung whose current bucket is not after its time, or else into the bottom, so an
 * event may be added at any non-negative time, earlier than events already handed down included. FIFO among
 * equal times needs no sequence numbers: equal times always share a list, every list keeps them newest first,
 * and the bottom sorts stably. Cancel is O(1): a cancelled event stays (lazy deletion) until it reaches the
 * front, or until cancelled events make up half of those held, when all live ones go back to the top in one
 * pass. Besides the event object nothing is allocated per operation; arrays only grow. Not thread-safe: an
 * engine is confined to one host thread.
 */
public final class EventQueue {

    /** A bucket of more events than this is spread over a finer rung rather than sorted into the bottom. */
    static final int THRESHOLD = 32;
    /** Adds that find the bottom this full and holding several times spread it over a rung of its own. */
    private static final int BOTTOM_LIMIT = 2 * THRESHOLD;
    /** Below this many held events compaction is not worth a pass. */
    private static final int MIN_COMPACT_SIZE = 64;

    private final EventList top = new EventList();
    /** Events at or after this time go to the top; Long.MAX_VALUE when saturated. */
    private long topStart;
    private Rung[] rungs = new Rung[4];
    /** Rungs in use: rungs[0] is the coarsest, rungs[depth - 1] the one the bottom is filled from. */
    private int depth;
    private final SortedRun bottom = new SortedRun();
    /** Scratch list for moving events between parts, kept so that moving allocates nothing. */
    private final EventList moving = new EventList();
    /** Events held anywhere, cancelled ones included. */
    private int held;
    private int cancelled;

    /**
     * Schedules {@code action} at {@code time}; the queue does not check time against any clock.
     *
     * @throws IllegalArgumentException when {@code time} is negative (the engine's clock starts at 0)
     */
    public EventHandle add(long time, Runnable action) {
        if (time < 0) {
            throw new IllegalArgumentException("negative event time: " + time);
        }
        Event event = new Event(this, time, Objects.requireNonNull(action, "action"));
        held++;
        place(event);
        return event;
    }

    /** An event to {@link #addAgain} whenever it is not pending: it allocates nothing per schedule. */
    Event reusableEvent() {
        return new Event(this, 0, null);
    }

    /**
     * Schedules {@code action} at {@code time} as {@code event}, made by {@link #reusableEvent()}, which has run
     * (or never was scheduled): in the order of the queue it is a new event, like one {@link #add} makes.
     */
    void addAgain(Event event, long time, Runnable action) {
        if (time < 0) {
            throw new IllegalArgumentException("negative event time: " + time);
        }
        if (event.pending() || event.isCancelled()) {
            throw new IllegalStateException(event + " is still held by the queue");
        }
        event.rearm(time, Objects.requireNonNull(action, "action"));
        held++;
        place(event);
    }

    /** Events added and neither polled nor cancelled. */
    public int size() {
        return held - cancelled;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The time of the earliest pending event; {@link Long#MAX_VALUE} when none is pending. */
    public long peekTime() {
        Event first = first();
        return first == null ? Long.MAX_VALUE : first.time;
    }

    /**
     * Removes the earliest pending event and returns its action (read its time with {@link #peekTime()}
     * first).
     *
     * @throws NoSuchElementException when no event is pending
     */
    public Runnable poll() {
        Event first = first();
        if (first == null) {
            throw new NoSuchElementException("no pending event");
        }
        bottom.removeFirst();
        held--;
        return first.take();
    }

    private void place(Event event) {
        long time = event.time;
        if (time >= topStart) {
            top.push(event);
            return;
        }
        for (int i = 0; i < depth; i++) {
            Rung rung = rungs[i];
            if (time >= rung.currentStart) {
                rung.add(event);
                return;
            }
        }
        bottom.insert(event);
        if (bottom.size() > BOTTOM_LIMIT && bottom.spansSeveralTimes()) {
            spreadBottom();
        }
    }

    /** The earliest live event, at the front of the bottom; drops cancelled ones found there. */
    private Event first() {
        while (true) {
            if (!bottom.isEmpty()) {
                Event first = bottom.first();
                if (cancelled == 0 || !first.isCancelled()) {
                    return first;
                }
                bottom.removeFirst();
                held--;
                cancelled--;
            } else if (!refillBottom()) {
                return null;
            }
        }
    }

    /**
     * Fills the empty bottom from the deepest rung, spreading big buckets over finer rungs and the top over a
     * new first rung as needed; false when nothing is held.
     */
    private boolean refillBottom() {
        while (true) {
            if (depth == 0) {
                if (top.isEmpty()) {
                    return false;
                }
                if (top.count <= THRESHOLD) {
                    bottom.fill(top.head, top.count);
                    topStart = top.max == Long.MAX_VALUE ? Long.MAX_VALUE : top.max + 1;
                    top.clear();
                    return true;
                }
                Rung rung = rung(0);
                rung.spread(top.head, top.count, top.min, top.max);
                topStart = rung.end();
                top.clear();
                depth = 1;
            }
            Rung rung = rungs[depth - 1];
            Event bucket = rung.takeNextBucket();
            if (bucket == null) {
                depth--;
                continue;
            }
            int count = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Event e = bucket; e != null; e = e.next) {
                count++;
                min = Math.min(min, e.time);
                max = Math.max(max, e.time);
            }
            if (count > THRESHOLD && min != max) {
                rung(depth).spread(bucket, count, min, Math.max(max, rung.currentStart - 1));
                depth++;
            } else {
                bottom.fill(bucket, count);
                return true;
            }
        }
    }

    /**
     * Adds at the current time can pile up in a bottom that covers a wide span; spreading it over a rung of
     * its own, reaching up to where the next rung (or the top) starts, keeps inserts into the bottom short.
     */
    private void spreadBottom() {
        long bound = depth == 0 ? topStart : rungs[depth - 1].currentStart;
        int count = bottom.size();
        long min = bottom.firstTime();
        long max = Math.max(bottom.lastTime(), bound - 1);
        bottom.drainTo(moving);
        rung(depth).spread(moving.head, count, min, max);
        moving.clear();
        depth++;
    }

    private Rung rung(int index) {
        if (index == rungs.length) {
            rungs = Arrays.copyOf(rungs, index * 2);
        }
        if (rungs[index] == null) {
            rungs[index] = new Rung();
        }
        return rungs[index];
    }

    void onCancel() {
        cancelled++;
        if (held >= MIN_COMPACT_SIZE && cancelled > held / 2) {
            compact();
        }
    }

    /**
     * Drops every cancelled event and puts the live ones back in the top: O(events held + buckets not yet
     * handed on), and those buckets were paid for by the spread that made them. The pieces are gathered
     * top first, then rungs from the coarsest, then the bottom last to first, so equal times stay newest first.
     */
    private void compact() {
        for (Event e = top.head; e != null; ) {
            Event next = e.next;
            moving.append(e);
            e = next;
        }
        top.clear();
        for (int i = 0; i < depth; i++) {
            rungs[i].drainTo(moving);
        }
        bottom.drainTo(moving);
        for (Event e = moving.head; e != null; ) {
            Event next = e.next;
            if (!e.isCancelled()) {
                top.append(e);
            }
            e = next;
        }
        moving.clear();
        topStart = 0;
        depth = 0;
        held = top.count;
        cancelled = 0;
    }
}
