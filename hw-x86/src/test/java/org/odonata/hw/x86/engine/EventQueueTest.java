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

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EventHandle;

class EventQueueTest {

    /** An event of the reference model: what the queue must return, in this order. */
    private record Expected(long time, long seq, EventHandle handle, int label) {
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
}
