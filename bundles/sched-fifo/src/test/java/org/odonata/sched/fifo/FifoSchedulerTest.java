package org.odonata.sched.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.UserScheduler;
import org.odonata.sched.lwkt.sim.ContractExercise;
import org.odonata.sched.lwkt.sim.Fairness;
import org.odonata.sched.lwkt.sim.SimCore;
import org.odonata.sched.lwkt.sim.SimLwp;
import org.odonata.sched.lwkt.sim.Topologies;

class FifoSchedulerTest {

    @Test
    void randomOperationsKeepEveryLwpAccountedFor() {
        for (long seed = 1; seed <= 4; seed++) {
            ContractExercise.run(Topologies.laptop4c8t(), seed, 4_000, List.of(FifoScheduler::new));
        }
    }

    @Test
    void runsLwpsInArrivalOrderWhateverTheirNice() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new FifoScheduler(), 1);
        SimLwp first = core.spawnHog("first", 20);
        core.reschedulePending();
        List<SimLwp> waiting = new ArrayList<>();
        for (int nice = 10; nice >= -20; nice -= 10) {
            waiting.add(core.spawnHog("n" + nice, nice));
        }
        assertSame(first, core.current(0));
        for (SimLwp next : waiting) {
            core.run(SimCore.TICK_NANOS * FifoScheduler.DEFAULT_QUANTUM_TICKS);
            assertSame(next, core.current(0), "after one quantum");
        }
    }

    @Test
    void wakeupGoesToTheLowestIdleCpuAndNeverPreemptsABusyOne() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new FifoScheduler(), 1);
        SimLwp a = core.spawnHog("a", 0);
        SimLwp b = core.spawnHog("b", 0);
        core.reschedulePending();
        assertSame(a, core.current(0));
        assertSame(b, core.current(1));
        for (int i = 0; i < 6; i++) {
            core.spawnHog("h" + i, -20);
        }
        core.reschedulePending();
        for (int cpu = 0; cpu < 8; cpu++) {
            assertTrue(core.current(cpu) != null, "CPU " + cpu + " busy");
        }
        SimLwp late = core.spawnHog("late", -20);
        core.reschedulePending();
        assertTrue(core.isQueued(late), "a busy machine is not preempted on wakeup");
        assertSame(a, core.current(0));
    }

    @Test
    void isWorkConservingWithSleepers() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new FifoScheduler(), 7);
        for (int i = 0; i < 24; i++) {
            core.spawn("s" + i, 0, SchedClass.NORMAL, (1 + i % 5) * 3_000_000L, (1 + i % 7) * 2_000_000L, -1);
        }
        for (int step = 0; step < 2_000; step++) {
            core.run(SimCore.STEP_NANOS);
            int idle = 0;
            for (int cpu = 0; cpu < core.ncpus(); cpu++) {
                idle += core.current(cpu) == null ? 1 : 0;
            }
            assertTrue(idle == 0 || core.scheduler().queued() == 0, "a CPU idles while LWPs wait");
        }
        core.checkInvariants();
    }

    @Test
    void equalHogsShareTheMachineFairly() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new FifoScheduler(), 3);
        List<SimLwp> hogs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            hogs.add(core.spawnHog("hog" + i, 0));
        }
        core.run(10_000_000_000L);
        assertTrue(Fairness.jain(hogs) >= 0.99, "Jain " + Fairness.jain(hogs));
    }

    @Test
    void quantumIsAConstructorParameter() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new FifoScheduler(1), 1);
        SimLwp a = core.spawnHog("a", 0);
        SimLwp b = core.spawnHog("b", 0);
        core.run(SimCore.TICK_NANOS);
        assertSame(b, core.current(0));
        core.run(SimCore.TICK_NANOS);
        assertSame(a, core.current(0));
    }

    @Test
    void exportHandsOverInQueueOrder() {
        UserScheduler fifo = new FifoScheduler();
        SimCore core = new SimCore(Topologies.uniprocessor(), fifo, 1);
        core.spawnHog("run", 0);
        core.reschedulePending();
        SimLwp x = core.spawnHog("x", 0);
        SimLwp y = core.spawnHog("y", 0);
        var moved = core.swap(new FifoScheduler());
        assertEquals(List.of(x, y), moved);
        assertEquals(2, core.scheduler().queued());
    }
}
