package org.odonata.sched.lwkt.bsd4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.sched.lwkt.dfly.DflyContractTest;
import org.odonata.tck.sched.SchedulerKit;
import org.odonata.tck.sched.sim.Fairness;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;

class Bsd4SchedulerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void passesTheSchedulerConformanceKit() {
        SchedulerKit.assertConforms(new Bsd4Factory(), DflyContractTest.PLATFORM);
    }

    @Test
    void priorityFormulaAtKnownPoints() {
        assertEquals(16384, Bsd4Scheduler.ESTCPUMAX);
        assertEquals(128, Bsd4Scheduler.normalPriority(-20, 0));
        assertEquals(128 + 40 * 128 / 210, Bsd4Scheduler.normalPriority(0, 0));
        assertEquals(128 + (80 + 128) * 128 / 210, Bsd4Scheduler.normalPriority(20, 16384));
    }

    @Test
    void oneGlobalQueueServesEveryCpuBestFirstThenFifo() {
        Bsd4Scheduler sched = new Bsd4Scheduler();
        SimCore core = new SimCore(Topologies.symmetric("smp-2", 1, 2, 1), sched, 1);
        core.spawnHog("busy0", -20);
        core.spawnHog("busy1", -20);
        core.reschedulePending();
        SimLwp late = core.spawnHog("nice5-first", 5);
        SimLwp early = core.spawnHog("nice0", 0);
        SimLwp same = core.spawnHog("nice5-second", 5);
        core.reschedulePending();
        assertEquals(3, sched.queued());
        List<SimLwp> order = new ArrayList<>();
        for (var t : core.swap(new Bsd4Scheduler())) {
            order.add((SimLwp) t);
        }
        assertEquals(List.of(early, late, same), order, "best priority first, FIFO among equals");
        core.exit(core.current(1));
        assertSame(early, core.current(1), "whichever CPU frees up takes the global best");
    }

    @Test
    void aWakeupKicksAnIdleCpuBeforePreemptingAnyone() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new Bsd4Scheduler(), 1);
        SimLwp first = core.spawnHog("first", 0);
        core.reschedulePending();
        SimLwp second = core.spawnHog("second", -20);
        core.reschedulePending();
        assertSame(first, core.current(first.cpu()));
        assertNotSame(first.cpu(), second.cpu());
        assertSame(second, core.current(second.cpu()));
    }

    @Test
    void niceMinusTenHogGetsMoreCpuThanNiceTenHog() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new Bsd4Scheduler(), 1);
        SimLwp favoured = core.spawnHog("nice-10", -10);
        SimLwp niced = core.spawnHog("nice+10", 10);
        core.run(10 * SECOND);
        assertTrue(favoured.runtimeNanos() > 2 * niced.runtimeNanos(),
                favoured.runtimeNanos() + " vs " + niced.runtimeNanos());
    }

    @Test
    void equalHogsShareFairlyAndTheMachineStaysBusy() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new Bsd4Scheduler(), 1);
        List<SimLwp> hogs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            hogs.add(core.spawnHog("hog" + i, 0));
        }
        core.run(10 * SECOND);
        double jain = Fairness.jain(hogs);
        System.out.printf("bsd4: 12 equal hogs on laptop-4c8t over 10 s: Jain %.4f%n", jain);
        assertTrue(jain >= 0.99, "Jain " + jain);
        assertEquals(8 * 10 * SECOND, hogs.stream().mapToLong(SimLwp::runtimeNanos).sum(), 8 * SimCore.TICK_NANOS);
    }

    @Test
    void realtimeWakeupPreemptsANormalHog() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new Bsd4Scheduler(), 1);
        SimLwp hog = core.spawnHog("hog", 0);
        core.run(SECOND / 10);
        SimLwp rt = core.spawn("rt", 0, SchedClass.REALTIME, 5_000_000L, SECOND, -1);
        core.reschedulePending();
        assertSame(rt, core.current(0));
        core.run(10_000_000L);
        assertSame(hog, core.current(0));
    }
}
