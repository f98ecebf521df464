package org.odonata.hw.x86.engine;

import java.util.Arrays;

/**
 * The ladder's bottom: the earliest events, sorted by (time, order of scheduling), times in a
 * {@code long[]} beside the events. Taking the first is O(1). An insert goes after every event of its time
 * or earlier (it is the newest) and shifts whichever side of its place is shorter, so an event due now,
 * which lands near the front, moves only the few events due now. Filling from a bucket sorts by insertion:
 * O(n) for a run of equal times, O(n<sup>2</sup>) otherwise, which the ladder bounds by keeping such buckets
 * small. The arrays only grow.
 */
final class SortedRun {

    private long[] times = new long[64];
    private Event[] events = new Event[64];
    /** The run is [head, tail). */
    private int head;
    private int tail;

    boolean isEmpty() {
        return head == tail;
    }

    int size() {
        return tail - head;
    }

    Event first() {
        return events[head];
    }

    long firstTime() {
        return times[head];
    }

    long lastTime() {
        return times[tail - 1];
    }

    /** Whether the run holds more than one distinct time: only then can a finer rung split it. */
    boolean spansSeveralTimes() {
        return times[head] != times[tail - 1];
    }

    void removeFirst() {
        events[head++] = null;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    /**
     * Replaces the empty run with the {@code count} events of {@code list}, whose events of equal time are
     * newest first: filled back to front, equal times come out oldest first, and a stable sort keeps them so.
     */
    void fill(Event list, int count) {
        if (times.length < count) {
            times = new long[Math.max(count, times.length * 2)];
            events = new Event[times.length];
        }
        long[] t = times;
        Event[] ev = events;
        int i = count;
        for (Event e = list; e != null; ) {
            Event next = e.next;
            e.next = null;
            i--;
            t[i] = e.time;
            ev[i] = e;
            e = next;
        }
        head = 0;
        tail = count;
        for (int k = 1; k < count; k++) {
            long time = t[k];
            if (time >= t[k - 1]) {
                continue;
            }
            Event e = ev[k];
            int j = k;
            do {
                t[j] = t[j - 1];
                ev[j] = ev[j - 1];
                j--;
            } while (j > 0 && t[j - 1] > time);
            t[j] = time;
            ev[j] = e;
        }
    }

    /** Inserts the newest event: after every event due at its time or earlier. */
    void insert(Event e) {
        long time = e.time;
        int pos = head == tail || time >= times[tail - 1] ? tail : upperBound(time);
        if (head > 0 && pos - head < tail - pos) {
            System.arraycopy(times, head, times, head - 1, pos - head);
            System.arraycopy(events, head, events, head - 1, pos - head);
            head--;
            pos--;
        } else {
            if (tail == times.length) {
                times = Arrays.copyOf(times, tail * 2);
                events = Arrays.copyOf(events, tail * 2);
            }
            System.arraycopy(times, pos, times, pos + 1, tail - pos);
            System.arraycopy(events, pos, events, pos + 1, tail - pos);
            tail++;
        }
        times[pos] = time;
        events[pos] = e;
    }

    /** Appends the run to {@code into} last to first, so that equal times are newest first there, and empties it. */
    void drainTo(EventList into) {
        for (int i = tail - 1; i >= head; i--) {
            into.append(events[i]);
            events[i] = null;
        }
        head = 0;
        tail = 0;
    }

    /** The first index in the run whose time is after {@code time}. */
    private int upperBound(long time) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
