package org.odonata.api.sched.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedThread;

class DispatchQueueTest {

    private static Entity entity(long tid) {
        return new Entity(FakeHost.lwp(tid, 0));
    }

    private static List<Long> tids(List<SchedThread> threads) {
        return threads.stream().map(SchedThread::tid).toList();
    }

    @Test
    void aFifoQueueRunsInArrivalOrderWithHeadInsertsFirstAndStealsTheNewest() {
        FifoQueue<Entity> q = new FifoQueue<>("q");
        Entity a = entity(1);
        Entity b = entity(2);
        Entity c = entity(3);
        Entity d = entity(4);
        q.insert(a);
        q.insert(b);
        q.insert(c);
        q.insertHead(d);
        assertSame(c, q.pollLast(), "the newest arrival is what a stealing CPU takes");
        assertTrue(q.remove(a));
        assertFalse(q.remove(a), "removed twice");
        assertEquals(List.of(4L, 2L), tids(q.drain()));
        assertTrue(q.isEmpty());
        assertNull(q.poll());
    }

    @Test
    void anEntityIsOnOneQueueAtATime() {
        FifoQueue<Entity> q = new FifoQueue<>("q");
        VtimeQueue<Entity> v = new VtimeQueue<>("v");
        Entity a = entity(1);
        q.insert(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.insert(a));
        assertEquals("LWP 1 is already queued on q", e.getMessage());
        assertFalse(v.remove(a));
        assertSame(q, a.queue());
    }

    @Test
    void aVtimeQueueRunsTheSmallestVtimeFirstAndTiesInArrivalOrder() {
        VtimeQueue<Entity> q = new VtimeQueue<>("v");
        long[] vtimes = {50, 10, 30, 10, 70};
        for (int i = 0; i < vtimes.length; i++) {
            Entity e = entity(i + 1);
            e.setVtime(vtimes[i]);
            q.insert(e);
        }
        assertEquals(2, q.peek().thread().tid(), "vtime 10, the first of the two");
        assertEquals(List.of(2L, 4L, 3L, 1L, 5L), tids(q.drain()));
    }

    @Test
    void changingTheVtimeOfAQueuedEntityMovesIt() {
        VtimeQueue<Entity> q = new VtimeQueue<>("v");
        Entity a = entity(1);
        Entity b = entity(2);
        a.setVtime(10);
        b.setVtime(20);
        q.insert(a);
        q.insert(b);
        a.setVtime(30);
        assertEquals(30, a.vtime());
        assertSame(b, q.poll());
        assertSame(a, q.pollLast());
        assertEquals(0, q.size());
    }
}
