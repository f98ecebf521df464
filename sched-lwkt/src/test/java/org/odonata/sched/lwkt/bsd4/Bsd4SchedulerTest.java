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
import org.odonata.sched.lwkt.usched.EstCpu;
import org.odonata.sched.lwkt.usched.UschedLwp;
import org.odonata.tck.sched.SchedulerKit;
import org.odonata.tck.sched.sim.Fairness;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLock;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;

class Bsd4SchedulerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void passesTheSchedulerConformanceKit() {
        SchedulerKit.assertConforms(new Bsd4Factory(), DflyContractTest.PLATFORM);
    }

    @Test
    void priorityFormulaAtKnownPointsWithTheBatchDetune() {
        int max = EstCpu.BATCHMAX;
        assertEquals(16384, Bsd4Scheduler.ESTCPUMAX);
        assertEquals(1500, max);
        assertEquals(128, Bsd4Scheduler.normalPriority(-20, 0, max / 2));
        assertEquals(128 + 40 * 128 / 210, Bsd4Scheduler.normalPriority(0, 0, max / 2));
        // bsd4_resetpriority: estcpu * (batch + BATCHMAX) / (2 * BATCHMAX), so 100% for a batch LWP ...
        assertEquals(128 + (80 + 128) * 128 / 210, Bsd4Scheduler.normalPriority(20, 16384, max));
        // ... 50% for an interactive one, 75% for a new child
        assertEquals(128 + (80 + 64) * 128 / 210, Bsd4Scheduler.normalPriority(20, 16384, 0));
        assertEquals(128 + (80 + 96) * 128 / 210, Bsd4Scheduler.normalPriority(20, 16384, max / 2));
    }

    @Test
    void aForkedChildStartsFourQueuesBehindAtHalfBatch() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new Bsd4Scheduler(), 1);
        SimLwp parent = core.spawnHog("parent", 0);
        core.run(SECOND / 5);
        UschedLwp p = (UschedLwp) parent.schedData();
        int before = p.estcpu;
        SimLwp child = core.fork(0);
        UschedLwp c = (UschedLwp) child.schedData();
        // bsd4_forking: ESTCPUPPQ * 4, BATCHMAX / 2; the parent pays ESTCPUPPQ / 16
        assertEquals(Math.min(before + 4 * 512, 16384), c.estcpu);
        assertEquals(EstCpu.BATCHMAX / 2, c.batch);
        assertEquals(Math.min(before + 32, 16384), p.estcpu);
    }

    @Test
    void everyAcquireRecalculatesCountingTheWaitingLwpsAsRunning() {
        EstCpu est = new EstCpu(Bsd4Scheduler.ESTCPUMAX);
        SimLwp t = new SimLwp(1, "t", 0, SchedClass.NORMAL, 0, 0, 0);
        UschedLwp s = new UschedLwp(t, this, Bsd4Scheduler.ESTCPUMAX);
        est.restart(s, 0);
        assertTrue(!est.recalculateBsd4(s, EstCpu.TICK_NANOS - 1, 0, 4, Bsd4Scheduler.DECAY), "needs a whole tick");
        t.addRuntime(EstCpu.TICK_NANOS / 2);
        s.batch = 0;
        assertTrue(est.recalculateBsd4(s, EstCpu.TICK_NANOS, 4, 4, Bsd4Scheduler.DECAY));
        // half a CPU for one tick, inflated by (runqcount 4 + ncpus 4) / ncpus 4: a full CPU, averaged with weight 8
        assertEquals(16384 / 9, s.estcpu);
        assertEquals(1, s.batch, "more than half a CPU moves toward batch by the ticks");
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

    /**
     * bsd4's one global run queue is reached under one global spinlock: {@code bsd4_setrunqueue},
     * {@code bsd4_select_curproc} and {@code bsd4_resetpriority} (from {@code bsd4_schedulerclock}) all take
     * {@code bsd4_spin}, so it is taken at least once per pick and once per tick of a running LWP.
     */
    @Test
    void queueingPickingAndReprioritisingTakeTheOneGlobalBsd4Spin() {
        SimCore core = new SimCore(Topologies.symmetric("smp-4", 1, 4, 1), new Bsd4Scheduler(), 1);
        List<SimLock> locks = core.host().locks();
        assertEquals(List.of("bsd4_spin"), locks.stream().map(SimLock::name).toList());
        for (int i = 0; i < 6; i++) {
            core.spawn("io" + i, 0, SchedClass.NORMAL, 2_000_000L, 3_000_000L, -1);
        }
        core.spawnHog("hog", 0);
        core.run(SECOND);
        long ticks = 4 * SECOND / SimCore.TICK_NANOS;
        assertTrue(locks.get(0).acquisitions() > core.contextSwitches() + ticks / 4, locks.get(0).acquisitions()
                + " acquisitions, " + core.contextSwitches() + " switches");
    }
}
