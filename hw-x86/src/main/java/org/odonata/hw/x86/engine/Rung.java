package org.odonata.hw.x86.engine;

import java.util.Arrays;

/**
 * One rung of the ladder queue: consecutive buckets of width 2<sup>shift</sup> ns from {@code start}, each
 * an unsorted list in which events of equal time are newest first (inserts push; a spread appends lists
 * that are already so ordered, which keeps that order). Buckets before {@link #currentStart} have been
 * handed on and are empty. Add is O(1) and touches only the new event; a spread is O(events + buckets);
 * finding the next non-empty bucket is amortized O(1) over a spread, since there are at most as many
 * buckets as events spread. The bucket arrays only grow, so a rung allocates nothing once warm.
 */
final class Rung {

    private Event[] heads = new Event[16];
    /** Bucket tails, only during a spread (inserts push and need no tail). */
    private Event[] tails = new Event[16];
    private long start;
    private int shift;
    private int buckets;
    /** The first bucket not yet handed on. */
    private int cur;
    /** Where the buckets end; saturated at Long.MAX_VALUE. */
    private long end;
    /** The start of bucket {@link #cur}: events from here on (up to the rung above) belong to this rung. */
    long currentStart;

    /**
     * Distributes {@code count} (at least 2) events, all in [lo, hi], over at most {@code count} buckets
     * that cover [lo, hi], appending so that each bucket keeps the list's order. Times are non-negative, so
     * hi - lo does not overflow.
     */
    void spread(Event list, int count, long lo, long hi) {
        long span = hi - lo;
        int s = Math.max(0, bitLength(span) - bitLength(count));
        if ((span >>> s) >= count) {
            s++;
        }
        int n = (int) (span >>> s) + 1;
        if (heads.length < n) {
            heads = new Event[Math.max(n, heads.length * 2)];
            tails = new Event[heads.length];
        }
        start = lo;
        shift = s;
        buckets = n;
        cur = 0;
        currentStart = lo;
        long last = lo + ((long) (n - 1) << s);
        end = last > Long.MAX_VALUE - (1L << s) ? Long.MAX_VALUE : last + (1L << s);
        Event[] h = heads;
        Event[] t = tails;
        for (Event e = list; e != null; ) {
            Event next = e.next;
            e.next = null;
            int i = (int) ((e.time - lo) >>> s);
            Event tail = t[i];
            if (tail == null) {
                h[i] = e;
            } else {
                tail.next = e;
            }
            t[i] = e;
            e = next;
        }
        Arrays.fill(t, 0, n, null);
    }

    /** Where the buckets end (exclusive), saturated at Long.MAX_VALUE. */
    long end() {
        return end;
    }

    /** Adds an event with currentStart &le; time &lt; the start of whatever holds later events. */
    void add(Event e) {
        int i = (int) ((e.time - start) >>> shift);
        e.next = heads[i];
        heads[i] = e;
    }

    /** Detaches the next non-empty bucket and moves currentStart past it; null once every bucket is handed on. */
    Event takeNextBucket() {
        Event[] h = heads;
        int i = cur;
        int n = buckets;
        while (i < n && h[i] == null) {
            i++;
        }
        if (i == n) {
            cur = n;
            currentStart = end;
            return null;
        }
        Event list = h[i];
        h[i] = null;
        cur = i + 1;
        currentStart = cur == n ? end : start + ((long) cur << shift);
        return list;
    }

    /** Appends every event not yet handed on to {@code into}, bucket by bucket, and empties the rung. */
    void drainTo(EventList into) {
        for (int i = cur; i < buckets; i++) {
            for (Event e = heads[i]; e != null; ) {
                Event next = e.next;
                into.append(e);
                e = next;
            }
            heads[i] = null;
        }
        cur = buckets;
        currentStart = end;
    }

    private static int bitLength(long x) {
        return Long.SIZE - Long.numberOfLeadingZeros(x);
    }
}
