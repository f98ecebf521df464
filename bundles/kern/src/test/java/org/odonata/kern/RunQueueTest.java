package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code gd_tdrunq} as {@code sys/kern/lwkt_thread.c} keeps it: {@code _lwkt_enqueue} sorts by {@code td_pri}, then
 * {@code td_upri}, a thread going behind its equals; {@code lwkt_schedulerclock}'s round robin moves the current
 * thread behind the last thread of its {@code td_pri}, whatever their upri.
 */
class RunQueueTest {

    private static Td td(String name, int pri, int upri) {
        Td td = new Td(null, name.hashCode(), name, null, null, pri);
        td.upri = upri;
        return td;
    }

    private static List<String> order(RunQueue q) {
        List<String> names = new ArrayList<>();
        Td last = null;
        for (Td t = q.head(); t != null; t = t.rqNext) {
            assertSame(last, t.rqPrev, "back link of " + t.name);
            assertTrue(t.onRunq);
            names.add(t.name);
            last = t;
        }
        assertEquals(names.size(), q.size());
        return names;
    }

    @Test
    void threadsAreSortedByPriThenUpriAndGoBehindTheirEquals() {
        RunQueue q = new RunQueue();
        q.insert(td("low", Tdpri.USER_NORM, 0));
        q.insert(td("kern", Tdpri.KERN_USER, 0));
        q.insert(td("user-a", Tdpri.USER_NORM, 5));
        q.insert(td("user-b", Tdpri.USER_NORM, 5));
        q.insert(td("user-better", Tdpri.USER_NORM, 9));
        assertEquals(List.of("kern", "user-better", "user-a", "user-b", "low"), order(q));
    }

    @Test
    void roundRobinMovesTheThreadBehindTheLastOfItsPriIgnoringUpri() {
        RunQueue q = new RunQueue();
        Td a = td("a", Tdpri.USER_NORM, 9);
        q.insert(a);
        q.insert(td("b", Tdpri.USER_NORM, 5));
        q.insert(td("c", Tdpri.USER_NORM, 1));
        q.insert(td("idle", Tdpri.IDLE_THREAD, 0));
        assertTrue(q.rotate(a), "a had equals behind it");
        assertEquals(List.of("b", "c", "a", "idle"), order(q));
        Td c = q.head().rqNext;
        assertTrue(q.rotate(q.head()));
        assertEquals(List.of("c", "a", "b", "idle"), order(q));
        assertSame(c, q.head());
    }

    @Test
    void roundRobinOfTheOnlyThreadOfItsPriDoesNothing() {
        RunQueue q = new RunQueue();
        Td kern = td("kern", Tdpri.KERN_USER, 0);
        Td tail = td("tail", Tdpri.USER_NORM, 0);
        q.insert(kern);
        q.insert(tail);
        assertFalse(q.rotate(kern));
        assertFalse(q.rotate(tail), "the tail has nobody behind it");
        assertEquals(List.of("kern", "tail"), order(q));
        q.remove(kern);
        q.remove(tail);
        assertEquals(List.of(), order(q));
        assertFalse(kern.onRunq);
        q.insert(kern);
        assertEquals(List.of("kern"), order(q));
    }
}
