package org.odonata.sched.lwkt.dfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.topology.Topology;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;

class DflyPolicyTest {

    private static final long SECOND = 1_000_000_000L;

    private static DflyLwp state(SimLwp t) {
        return (DflyLwp) t.schedData();
    }

    @Test
    void priorityFormulaAtKnownPoints() {
        assertEquals(128, DflyScheduler.normalPriority(-20, 0));
        assertEquals(128 + 20 * 96 / 41, DflyScheduler.normalPriority(0, 0));
        assertEquals(128 + 46 + 40, DflyScheduler.normalPriority(0, 5120));
        assertEquals(128 + 80, DflyScheduler.normalPriority(-20, DflyScheduler.ESTCPUMAX));
        assertEquals(255, DflyScheduler.normalPriority(20, DflyScheduler.ESTCPUMAX), "clamped to 127");
        assertEquals(10240, DflyScheduler.ESTCPUMAX);
        assertEquals(320, DflyScheduler.uload(10240, 0));
        assertEquals(320 + 320 * 20 / 21, DflyScheduler.uload(10240, -20));
    }

    @Test
    void niceMinusTenHogGetsMoreCpuThanNiceTenHog() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new DflyScheduler(), 1);
        SimLwp favoured = core.spawnHog("nice-10", -10);
        SimLwp niced = core.spawnHog("nice+10", 10);
        core.run(10 * SECOND);
        System.out.printf("dfly nice -10 vs +10 on one CPU: %d ms vs %d ms%n", favoured.runtimeNanos() / 1_000_000,
                niced.runtimeNanos() / 1_000_000);
        assertTrue(favoured.runtimeNanos() > 2 * niced.runtimeNanos());
        assertTrue(niced.runtimeNanos() > 0, "nice +10 is not starved outright");
    }

    @Test
    void estcpuRisesUnderLoadDecaysWhileWaitingAndHalvesAfterALongSleep() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new DflyScheduler(), 1);
        SimLwp hog = core.spawnHog("hog", 0);
        core.run(SECOND / 2);
        int afterHalfSecond = state(hog).estcpu;
        assertTrue(afterHalfSecond >= 20 * 205, "+205 per tick: " + afterHalfSecond);
        core.run(SECOND);
        assertEquals(DflyScheduler.ESTCPUMAX, state(hog).estcpu, "a hog saturates in about a second");

        SimLwp sleeper = core.spawn("sleeper", 0, SchedClass.NORMAL, 40_000_000L, 3 * SECOND, -1);
        core.run(SECOND / 2);
        int beforeSleep = state(sleeper).estcpu;
        assertTrue(beforeSleep > 0);
        assertSame(SimLwp.State.SLEEPING, sleeper.state());
        core.run(3 * SECOND);
        assertTrue(sleeper.lastSleepNanos() > SECOND);
        assertTrue(state(sleeper).estcpu <= beforeSleep / 2 + 2 * 205, "halved on wakeup: " + state(sleeper).estcpu);

        int busy = state(hog).estcpu;
        core.spawn("realtime", 0, SchedClass.REALTIME, 0, 0, -1);
        core.run(2 * SECOND);
        assertTrue(core.isQueued(hog), "the hog waits behind a realtime hog");
        assertTrue(state(hog).estcpu < busy * 85 / 100,
                "the once-a-second pass decays a waiting LWP: " + busy + " -> " + state(hog).estcpu);
    }

    @Test
    void forkedChildStartsBehindItsParentAndTheParentIsCharged() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new DflyScheduler(), 1);
        SimLwp parent = core.spawnHog("parent", 0);
        core.run(SECOND / 5);
        int before = state(parent).estcpu;
        SimLwp child = core.fork(0);
        assertEquals(Math.min(before + 512, 10240), state(child).estcpu);
        assertEquals(Math.min(before + 32, 10240), state(parent).estcpu);
    }

    @Test
    void wakeupPrefersAnIdleCpu() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new DflyScheduler(), 1);
        SimLwp first = core.spawnHog("first", 0);
        core.run(SECOND);
        int busy = first.cpu();
        SimLwp second = core.spawn("second", 0, SchedClass.NORMAL, 0, 0, busy);
        core.reschedulePending();
        assertSame(first, core.current(busy));
        assertNotEquals(busy, second.cpu());
        assertSame(second, core.current(second.cpu()));
    }

    @Test
    void wakeupPrefersTheWakersPackage() {
        Topology server = Topologies.server2s32c64t();
        DflyScheduler sched = new DflyScheduler();
        SimCore core = new SimCore(server, sched, 1);
        SimLwp t = core.spawn("sleeper", 0, SchedClass.NORMAL, 1_000_000L, SECOND, 0);
        core.run(5_000_000L);
        assertSame(SimLwp.State.SLEEPING, t.state());
        int waker = 40;
        int chosen = sched.selectCpu(t, waker);
        assertEquals(server.cpu(waker).packageId(), server.cpu(chosen).packageId(), "weight2 pulls to the waker");
        assertNotEquals(server.cpu(waker).coreId(), server.cpu(chosen).coreId(),
                "an idle machine does not pair onto the waker's SMT core");

        DflyScheduler noPairing = new DflyScheduler(new DflyTunables(30, 0, 10, 120, 50, 0, -100, 0x2f, 2, 5, 8,
                -1, -1, 1));
        SimCore other = new SimCore(server, noPairing, 1);
        SimLwp u = other.spawn("sleeper", 0, SchedClass.NORMAL, 1_000_000L, SECOND, 0);
        other.run(5_000_000L);
        assertEquals(server.cpu(u.cpu()).packageId(), server.cpu(noPairing.selectCpu(u, waker)).packageId(),
                "without weight2 the thread stays home");
    }

    @Test
    void hogsSpreadAcrossBothPackagesOfAServer() {
        Topology server = Topologies.server2s32c64t();
        SimCore core = new SimCore(server, new DflyScheduler(), 1);
        for (int i = 0; i < 8; i++) {
            core.spawnHog("hog" + i, 0);
        }
        core.run(2 * SECOND);
        int[] perPackage = new int[2];
        java.util.Set<Integer> cores = new java.util.HashSet<>();
        for (int cpu = 0; cpu < core.ncpus(); cpu++) {
            SimLwp t = core.current(cpu);
            if (t != null) {
                perPackage[server.cpu(cpu).packageId()]++;
                cores.add(server.cpu(cpu).coreId());
            }
        }
        assertEquals(8, perPackage[0] + perPackage[1]);
        assertTrue(perPackage[0] >= 3 && perPackage[1] >= 3, "spread: " + perPackage[0] + "/" + perPackage[1]);
        assertEquals(8, cores.size(), "one hog per core");
    }

    @Test
    void betterPriorityWakeupPreemptsAndWorseOneWaits() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new DflyScheduler(), 1);
        SimLwp hog = core.spawnHog("hog", 0);
        core.run(SECOND);
        SimLwp rt = core.spawn("rt", 0, SchedClass.REALTIME, 5_000_000L, SECOND, -1);
        core.reschedulePending();
        assertSame(rt, core.current(0), "realtime preempts a normal hog at once");
        core.run(10_000_000L);
        assertSame(hog, core.current(0));
        SimLwp idle = core.spawn("idle-class", 0, SchedClass.IDLE, 0, 0, -1);
        core.reschedulePending();
        assertSame(hog, core.current(0));
        assertTrue(core.isQueued(idle));
        SimLwp fresh = core.spawnHog("fresh", 0);
        core.reschedulePending();
        assertSame(fresh, core.current(0), "a fresh LWP (estcpu 0) beats a saturated hog by many queues");
    }

    @Test
    void idleCpuPullsFromAnOverloadedQueue() {
        DflyScheduler sched = new DflyScheduler();
        SimCore core = new SimCore(Topologies.symmetric("smp-2", 1, 2, 1), sched, 1);
        SimLwp a = core.spawnHog("a", 0);
        SimLwp b = core.spawnHog("b", 0);
        core.reschedulePending();
        int cpuA = a.cpu();
        int cpuB = b.cpu();
        assertNotEquals(cpuA, cpuB);
        SimLwp c = core.spawn("c", 0, SchedClass.NORMAL, 0, 0, cpuA);
        core.reschedulePending();
        assertTrue(core.isQueued(c));
        core.exit(b);
        assertNull(core.current(cpuB), "releasing a CPU only looks at its own queue");
        core.run(SimCore.TICK_NANOS);
        assertSame(c, core.current(cpuB), "the idle CPU's helper pulls c over at its next poll");
    }

    @Test
    void schedYieldGoesBehindEveryQueuedLwpWithoutTouchingEstcpu() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new DflyScheduler(), 1);
        SimLwp a = core.spawnHog("a", 0);
        core.reschedulePending();
        SimLwp b = core.spawnHog("b", 5);
        core.reschedulePending();
        assertSame(a, core.current(0));
        int estcpu = state(a).estcpu;
        core.yield(0);
        assertSame(b, core.current(0), "a worse LWP still runs after a yield");
        assertEquals(estcpu, state(a).estcpu);
    }
}
