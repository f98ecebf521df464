package org.odonata.hw.x86.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EventHandle;

class EventQueueTest {

    /** An event of the reference model: what the queue must return, in this order. */
    private record Expected(long time, long seq, EventHandle handle, int label) {
    }

    private static final Comparator<Expected> BY_TIME_THEN_SEQ =
            Comparator.comparingLong(Expected::time).thenComparingLong(Expected::seq);

    /**
     * The queue next to a sorted reference: every poll must return the reference's earliest event, and
     * sizes, peeks and handles must agree after every operation.
     */
    private static final class Checked {
        final EventQueue queue = new EventQueue();
        private final TreeSet<Expected> live = new TreeSet<>(BY_TIME_THEN_SEQ);
        /** Candidates for cancellation: live events, plus ones that ran since, skipped when drawn. */
        private final List<Expected> cancellable = new ArrayList<>();
        private long seq;
        private int lastRan = -1;
        long now;

        void add(long time) {
            int label = (int) seq;
            Expected e = new Expected(time, seq++, queue.add(time, () -> lastRan = label), label);
            live.add(e);
            cancellable.add(e);
        }

        void addAt(LongSupplier time, int count) {
            for (int i = 0; i < count; i++) {
                add(time.getAsLong());
            }
        }

        void cancelRandom(SplittableRandom rnd) {
            while (!cancellable.isEmpty()) {
                int i = rnd.nextInt(cancellable.size());
                Expected victim = cancellable.get(i);
                cancellable.set(i, cancellable.get(cancellable.size() - 1));
                cancellable.remove(cancellable.size() - 1);
                if (live.remove(victim)) {
                    assertTrue(victim.handle().pending());
                    assertTrue(victim.handle().cancel());
                    assertFalse(victim.handle().pending());
                    check();
                    return;
                }
                assertFalse(victim.handle().cancel());
            }
        }

        void poll() {
            Expected min = live.pollFirst();
            assertEquals(min.time(), queue.peekTime());
            queue.poll().run();
            assertEquals(min.label(), lastRan);
            assertFalse(min.handle().pending());
            now = min.time();
            check();
        }

        void drain() {
            while (!live.isEmpty()) {
                poll();
            }
            assertTrue(queue.isEmpty());
            assertEquals(Long.MAX_VALUE, queue.peekTime());
        }

        int size() {
            return live.size();
        }

        void check() {
            assertEquals(live.size(), queue.size());
        }
    }

    @Test
    void pollReturnsEventsInTimeOrder() {
        EventQueue queue = new EventQueue();
        SplittableRandom rnd = new SplittableRandom(1);
        List<Long> ran = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long t = rnd.nextLong(1_000_000);
            times.add(t);
            queue.add(t, () -> ran.add(t));
        }
        long last = Long.MIN_VALUE;
        while (!queue.isEmpty()) {
            long t = queue.peekTime();
            queue.poll().run();
            assertTrue(t >= last);
            last = t;
        }
        times.sort(Comparator.naturalOrder());
        assertEquals(times, ran);
    }

    @Test
    void equalTimesLeaveInSchedulingOrder() {
        EventQueue queue = new EventQueue();
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int label = i;
            queue.add(i % 3 == 0 ? 5 : 7, () -> ran.add(label));
        }
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i += 3) {
            expected.add(i);
        }
        for (int i = 0; i < 1_000; i++) {
            if (i % 3 != 0) {
                expected.add(i);
            }
        }
        assertEquals(expected, ran);
    }

    /** A thread's resume event, scheduled again after it ran, leaves in the order a new event would. */
    @Test
    void reusedEventTakesItsPlaceAsANewEventAndCannotBeAddedTwice() {
        EventQueue queue = new EventQueue();
        List<String> ran = new ArrayList<>();
        Event resume = queue.reusableEvent();
        queue.addAgain(resume, 5, () -> ran.add("resume@5"));
        queue.add(5, () -> ran.add("later@5"));
        assertThrows(IllegalStateException.class, () -> queue.addAgain(resume, 9, () -> { }));
        queue.poll().run();
        queue.add(7, () -> ran.add("first@7"));
        queue.addAgain(resume, 7, () -> ran.add("resume@7"));
        queue.add(6, () -> ran.add("early@6"));
        assertThrows(IllegalArgumentException.class, () -> queue.addAgain(queue.reusableEvent(), -1, () -> { }));
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        assertEquals(List.of("resume@5", "later@5", "early@6", "first@7", "resume@7"), ran);
    }

    @Test
    void cancelledEventNeitherRunsNorCounts() {
        EventQueue queue = new EventQueue();
        List<String> ran = new ArrayList<>();
        EventHandle first = queue.add(1, () -> ran.add("first"));
        queue.add(2, () -> ran.add("second"));
        assertTrue(first.pending());
        assertTrue(first.cancel());
        assertFalse(first.pending());
        assertEquals(1, queue.size());
        assertEquals(2, queue.peekTime());
        queue.poll().run();
        assertEquals(List.of("second"), ran);
        assertTrue(queue.isEmpty());
    }

    @Test
    void cancelFailsOnceTheEventRanOrWasCancelled() {
        EventQueue queue = new EventQueue();
        EventHandle ranEvent = queue.add(1, () -> { });
        EventHandle cancelled = queue.add(2, () -> { });
        queue.poll().run();
        assertFalse(ranEvent.pending());
        assertFalse(ranEvent.cancel());
        assertTrue(cancelled.cancel());
        assertFalse(cancelled.cancel());
        assertEquals(0, queue.size());
    }

    @Test
    void pollOnAnEmptyQueueThrowsAndPeekSaysNothingIsDue() {
        EventQueue queue = new EventQueue();
        queue.add(3, () -> { }).cancel();
        assertEquals(Long.MAX_VALUE, queue.peekTime());
        assertThrows(NoSuchElementException.class, queue::poll);
    }

    @Test
    void randomAddsAndCancelsMatchASortedReference() {
        EventQueue queue = new EventQueue();
        SplittableRandom rnd = new SplittableRandom(42);
        List<Expected> live = new ArrayList<>();
        List<Integer> ran = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        long seq = 0;
        long now = 0;
        for (int round = 0; round < 20_000; round++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                long time = now + rnd.nextLong(50);
                int label = round;
                live.add(new Expected(time, seq++, queue.add(time, () -> ran.add(label)), label));
            } else if (op < 8 && !live.isEmpty()) {
                Expected victim = live.remove(rnd.nextInt(live.size()));
                assertTrue(victim.handle().cancel());
            } else if (!live.isEmpty()) {
                Expected min = live.stream()
                        .min(Comparator.comparingLong(Expected::time).thenComparingLong(Expected::seq)).orElseThrow();
                live.remove(min);
                expected.add(min.label());
                now = queue.peekTime();
                assertEquals(min.time(), now);
                queue.poll().run();
            }
            assertEquals(live.size(), queue.size());
        }
        assertEquals(expected, ran);
    }

    @Test
    void cancellingMostEventsKeepsTheRestInOrder() {
        EventQueue queue = new EventQueue();
        SplittableRandom rnd = new SplittableRandom(3);
        List<EventHandle> handles = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        List<Long> ran = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long t = rnd.nextLong(100);
            handles.add(queue.add(t, () -> ran.add(t)));
        }
        for (int i = 0; i < handles.size(); i++) {
            if (i % 10 == 0) {
                kept.add(handles.get(i).time());
            } else {
                assertTrue(handles.get(i).cancel());
            }
        }
        assertEquals(kept.size(), queue.size());
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        kept.sort(Comparator.naturalOrder());
        assertEquals(kept, ran);
    }

    @Test
    void manyTiesAtOneTimeLeaveInSchedulingOrderEvenWhenMoreArriveWhileTheyDrain() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(7);
        q.addAt(() -> 1_000, 20_000);
        q.addAt(() -> 1_000 + rnd.nextLong(3), 5_000);
        q.addAt(() -> 999, 100);
        while (q.size() > 0) {
            q.poll();
            if (rnd.nextInt(4) == 0) {
                q.add(q.now);
            }
            if (rnd.nextInt(50) == 0) {
                q.cancelRandom(rnd);
            }
        }
        q.drain();
    }

    @Test
    void eventsAddedAtTheCurrentTimeWhileABucketDrainsGoAfterItsEqualTimes() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(8);
        q.addAt(() -> rnd.nextLong(1_000_000), 10_000);
        for (int i = 0; i < 60_000 && q.size() > 0; i++) {
            q.poll();
            int adds = rnd.nextInt(3);
            for (int a = 0; a < adds; a++) {
                q.add(q.now + (rnd.nextBoolean() ? 0 : rnd.nextLong(20)));
            }
        }
        q.drain();
    }

    @Test
    void eventsAddedBeforeEventsAlreadyHandedDownToTheFrontComeFirst() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(9);
        q.addAt(() -> rnd.nextLong(10_000_000), 5_000);
        for (int i = 0; i < 40_000 && q.size() > 0; i++) {
            long next = q.queue.peekTime();
            // the peek has sorted a bucket into the front: add between now and it, and right at it
            q.add(q.now + rnd.nextLong(next - q.now + 1));
            q.add(next);
            q.poll();
            if (rnd.nextBoolean()) {
                q.poll();
            }
        }
        q.drain();
    }

    @Test
    void anyNonNegativeTimeIsAcceptedEvenBeforeTheLastPolledOne() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(10);
        for (int round = 0; round < 30_000; round++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                q.add(rnd.nextInt(3) == 0 ? rnd.nextLong(1_000) : rnd.nextLong(1L << 40));
            } else if (op < 6) {
                q.cancelRandom(rnd);
            } else if (q.size() > 0) {
                q.poll();
            }
        }
        q.drain();
        assertThrows(IllegalArgumentException.class, () -> q.queue.add(-1, () -> { }));
    }

    @Test
    void hugeTimeSpreadsFromNanosecondsToHoursAndUpToTheEndOfTime() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(11);
        long hour = 3_600_000_000_000L;
        LongSupplier spread = () -> q.now + (long) Math.pow(hour, rnd.nextDouble());
        q.addAt(spread, 20_000);
        q.addAt(() -> Long.MAX_VALUE - rnd.nextLong(3), 100);
        for (int i = 0; i < 60_000 && q.size() > 0; i++) {
            q.poll();
            q.addAt(spread, rnd.nextInt(3));
            if (rnd.nextInt(100) == 0) {
                q.add(Long.MAX_VALUE);
            }
        }
        q.drain();
    }

    @Test
    void burstsOfCancellationsKeepOrderAndCounts() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(12);
        for (int burst = 0; burst < 20; burst++) {
            q.addAt(() -> q.now + rnd.nextLong(5_000_000), 5_000);
            int cancels = rnd.nextInt(q.size() + 1);
            for (int i = 0; i < cancels; i++) {
                q.cancelRandom(rnd);
            }
            for (int i = rnd.nextInt(q.size() + 1); i > 0; i--) {
                q.poll();
                if (rnd.nextInt(20) == 0) {
                    q.cancelRandom(rnd);
                }
            }
        }
        q.drain();
    }

    @Test
    void monotoneAndNonMonotoneInsertionPatterns() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(13);
        long[] step = {0};
        q.addAt(() -> step[0] += rnd.nextLong(100), 10_000);
        long top = step[0];
        q.addAt(() -> top - step[0]--, 10_000);
        for (int i = 0; i < 5_000; i++) {
            q.poll();
        }
        for (int tooth = 0; tooth < 50; tooth++) {
            long base = q.now + rnd.nextLong(10_000);
            for (int i = 0; i < 200; i++) {
                q.add(base + (i % 20) * 37L);
            }
            for (int i = rnd.nextInt(400); i > 0 && q.size() > 0; i--) {
                q.poll();
            }
        }
        q.drain();
    }

    @Test
    void holdModelWithExponentialIncrementsMatchesTheReference() {
        Checked q = new Checked();
        SplittableRandom rnd = new SplittableRandom(14);
        LongSupplier later = () -> q.now + (long) (-1_000_000 * Math.log(1.0 - rnd.nextDouble()));
        q.addAt(later, 20_000);
        for (int i = 0; i < 200_000; i++) {
            q.poll();
            q.add(later.getAsLong());
        }
        q.drain();
    }
}
