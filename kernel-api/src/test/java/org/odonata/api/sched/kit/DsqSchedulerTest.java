package org.odonata.api.sched.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedThread;

/** The defaults: scx_simple over the kit's queues. */
class DsqSchedulerTest {

    private final FakeHost host = new FakeHost(1, 2, 1);
    private final DsqScheduler<Entity> sched = new DsqScheduler<>() {
    };

    DsqSchedulerTest() {
        sched.init(host);
    }

    @Test
    void aWakeupGoesToAnIdleCpuDirectlyAndToTheGlobalQueueWhenNoneIsIdle() {
        SchedThread a = FakeHost.lwp(1, 1);
        int cpu = sched.selectCpu(a, -1);
        assertEquals(1, cpu, "its previous CPU is idle");
        sched.enqueue(a, cpu, true);
        assertEquals(List.of(1), host.resched);
        host.current[0] = FakeHost.lwp(9, 0);
        SchedThread b = FakeHost.lwp(2, 1);
        assertEquals(1, sched.selectCpu(b, -1), "no CPU idle (1 is kicked): its previous CPU");
        sched.enqueue(b, 1, true);
        assertEquals(2, sched.queued());
        assertSame(a, sched.pickNext(1), "the local queue first");
        assertSame(b, sched.pickNext(1), "then the global queue");
        assertNull(sched.pickNext(0));
    }

    @Test
    void theSliceRunsOutOnlyWhileSomethingWaits() {
        SchedThread running = FakeHost.lwp(1, 0);
        host.current[0] = running;
        host.current[1] = FakeHost.lwp(2, 1);
        for (int i = 0; i < 2 * DsqScheduler.DEFAULT_SLICE_TICKS; i++) {
            sched.tick(0, running);
        }
        assertEquals(List.of(), host.resched, "nothing waits");
        assertFalse(sched.shouldYieldTo(0, running));
        sched.enqueue(FakeHost.lwp(3, 0), 0, true);
        for (int i = 0; i < DsqScheduler.DEFAULT_SLICE_TICKS; i++) {
            sched.tick(0, running);
        }
        assertEquals(List.of(0), host.resched);
        assertTrue(sched.shouldYieldTo(0, running));
        assertFalse(sched.shouldYieldTo(0, running), "once");
    }

    @Test
    void exportHandsOverEveryQueueAndForeignStateIsReplaced() {
        host.current[0] = FakeHost.lwp(8, 0);
        host.current[1] = FakeHost.lwp(9, 1);
        SchedThread a = FakeHost.lwp(1, 0);
        SchedThread b = FakeHost.lwp(2, 1);
        sched.enqueue(a, 0, true);
        sched.enqueue(b, 1, true);
        Object before = a.schedData();
        List<SchedThread> out = sched.exportRunnable();
        assertEquals(List.of(a, b), out);
        assertEquals(0, sched.queued());
        DsqScheduler<Entity> next = new DsqScheduler<>() {
        };
        next.init(host);
        next.importRunnable(out);
        assertEquals(2, next.queued());
        assertTrue(a.schedData() != before, "the new scheduler's own state");
        assertFalse(sched.dequeue(a), "the old scheduler no longer recognises it");
        assertTrue(next.dequeue(a));
        assertEquals(1, next.queued());
    }
}
