package org.odonata.sched.lwkt.dfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.topology.Topology;
import org.odonata.sched.lwkt.usched.Priorities;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLock;
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
        // dfly_recalculate_estcpu: (estcpu * ttlticks + 0) / (ttlticks + 1) with ttlticks = 50 per once-a-second
        // pass, and no decay factor in 2020: a waiting LWP loses only about 2% a second
        int twoPasses = busy * 50 / 51 * 50 / 51;
        assertTrue(Math.abs(state(hog).estcpu - twoPasses) <= 2 * busy / 100,
                "two passes: " + busy + " -> " + state(hog).estcpu + ", expected about " + twoPasses);
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

    /**
     * {@code dfly_choose_best_queue} with ipc_smt and ipc_same at their default -1: the code advantages the waker's
     * node at every level, its SMT core and its own CPU included, whatever the load average; only 0 disadvantages.
     */
    @Test
    void weight2PairsTheWakeeWithItsWakerDownToTheSameCpu() {
        Topology server = Topologies.server2s32c64t();
        DflyScheduler sched = new DflyScheduler();
        SimCore core = new SimCore(server, sched, 1);
        SimLwp t = core.spawn("sleeper", 0, SchedClass.NORMAL, 1_000_000L, SECOND, 0);
        core.run(5_000_000L);
        assertSame(SimLwp.State.SLEEPING, t.state());
        int waker = 40;
        assertEquals(waker, sched.selectCpu(t, waker), "an idle machine pairs the wakee onto the waker's CPU");

        DflyScheduler sameOff = new DflyScheduler(new DflyTunables(30, 180, 10, 120, 50, 0, -100, 0x2f, 2, 5, 1,
                -1, 0, 1));
        SimCore off = new SimCore(server, sameOff, 1);
        SimLwp v = off.spawn("sleeper", 0, SchedClass.NORMAL, 1_000_000L, SECOND, 0);
        off.run(5_000_000L);
        int chosen = sameOff.selectCpu(v, waker);
        assertNotEquals(waker, chosen, "ipc_same 0 disadvantages the waker's own CPU");
        assertEquals(server.cpu(waker).coreId(), server.cpu(chosen).coreId(), "but not its SMT sibling");

        DflyScheduler noPairing = new DflyScheduler(new DflyTunables(30, 0, 10, 120, 50, 0, -100, 0x2f, 2, 5, 1,
                -1, -1, 1));
        SimCore other = new SimCore(server, noPairing, 1);
        SimLwp u = other.spawn("sleeper", 0, SchedClass.NORMAL, 1_000_000L, SECOND, 0);
        other.run(5_000_000L);
        assertEquals(server.cpu(u.cpu()).packageId(), server.cpu(noPairing.selectCpu(u, waker)).packageId(),
                "without weight2 the thread stays home");
    }

    /**
     * {@code dfly_setrunqueue_dd}'s "not so bad that we need to interrupt it" branch shortens the designated LWP's
     * quantum only {@code if (rdd->uschedcp && ...)}: with a {@code fast_resched} wide enough to cover an idle CPU's
     * {@code upri}, LWPs queued on CPUs that have no designated LWP are still queued and run, and nothing throws.
     */
    @Test
    void fastReschedWiderThanAnIdleCpusUpriQueuesWithoutADesignatedLwp() {
        DflyScheduler wide = new DflyScheduler(new DflyTunables(30, 180, 10, 120, 50, 0, -100, 0x2f, 1000, 5, 1,
                -1, -1, 1));
        SimCore core = new SimCore(Topologies.laptop4c8t(), wide, 1);
        List<SimLwp> sleepers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sleepers.add(core.spawn("sleeper" + i, 0, SchedClass.NORMAL, 1_000_000L, 3_000_000L, i));
        }
        core.run(SECOND / 10);
        for (SimLwp t : sleepers) {
            assertTrue(t.runtimeNanos() > 10_000_000L, t + " ran " + t.runtimeNanos() + " ns");
        }
    }

    /**
     * Hogs that each run alone are moved only by the paced push ({@code dfly_acquire_curproc}, feature 0x08): a CPU
     * gets its turn once every 8 × 64 schedclock ticks (10.24 s) on this 64-CPU server, so the packages even out over
     * tens of seconds, not at once.
     */
    @Test
    void hogsSpreadAcrossBothPackagesOfAServer() {
        Topology server = Topologies.server2s32c64t();
        SimCore core = new SimCore(server, new DflyScheduler(), 1);
        for (int i = 0; i < 8; i++) {
            core.spawnHog("hog" + i, -20);
        }
        core.run(25 * SECOND);
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
        assertEquals(a.cpu(), b.cpu(), "both start where they were created (weight1, and ucount counts a at once)");
        core.run(SimCore.HZ_NANOS);
        int cpuA = a.cpu();
        int cpuB = b.cpu();
        assertNotEquals(cpuA, cpuB);
        SimLwp c = core.spawn("c", 0, SchedClass.NORMAL, 0, 0, cpuA);
        core.reschedulePending();
        assertTrue(core.isQueued(c));
        core.exit(b);
        assertNull(core.current(cpuB), "releasing a CPU only looks at its own queue");
        core.run(SimCore.HZ_NANOS);
        assertSame(c, core.current(cpuB), "the idle CPU's helper pulls c over at its next poll, one hz tick later");
    }

    /**
     * {@code dfly_yield} releases the CPU to the best queued LWP; the yielder takes it back if better by more than
     * {@code fast_resched} (the steal in {@code dfly_acquire_curproc}), else goes to the tail of its own queue (the
     * 2020 code: "we used to move ourselves to the worst queue, but this creates a fairly serious priority
     * inversion").
     */
    @Test
    void schedYieldGoesToTheTailOfItsOwnQueueUnlessItStealsTheCpuBack() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new DflyScheduler(), 1);
        SimLwp a = core.spawnHog("a", 0);
        core.reschedulePending();
        SimLwp worse = core.spawnHog("worse", 5);
        core.reschedulePending();
        assertSame(a, core.current(0));
        int estcpu = state(a).estcpu;
        core.yield(0);
        assertSame(a, core.current(0), "three queues better than the other: it steals the CPU back");
        assertEquals(estcpu, state(a).estcpu);

        SimLwp peer = core.spawnHog("peer", 0);
        core.reschedulePending();
        core.exit(worse);
        SimLwp before = core.current(0);
        core.yield(0);
        SimLwp other = before == a ? peer : a;
        assertSame(other, core.current(0), "an equal LWP gets the CPU");
        assertTrue(core.isQueued(before));
        assertEquals(Priorities.queueIndex(state(before).priority), state(before).rqIndex, "its own queue");
    }

    /**
     * {@code LWP_MP_ULOAD} ({@code dfly_uload_update}, {@code schedcpu}): a sleeping LWP keeps counting as load on its
     * CPU until a once-a-second pass finds it asleep, and counts again when it wakes.
     */
    @Test
    void aSleeperCountsAsLoadUntilASchedcpuPassFindsItAsleep() {
        DflyScheduler sched = new DflyScheduler();
        SimCore core = new SimCore(Topologies.uniprocessor(), sched, 1);
        SimLwp t = core.spawn("sleeper", 0, SchedClass.NORMAL, 300_000_000L, 1_500_000_000L, -1);
        core.run(400_000_000L);
        assertSame(SimLwp.State.SLEEPING, t.state());
        assertTrue(state(t).counted, "asleep, still counted");
        assertEquals(1, sched.ucount(0, null));
        assertEquals(state(t).uload, sched.uload(0, null));
        core.run(SECOND - 400_000_000L);
        assertTrue(!state(t).counted, "the pass at 1 s found it asleep");
        assertEquals(0, sched.ucount(0, null));
        assertEquals(0, sched.uload(0, null));
        core.run(SECOND);
        assertTrue(t.state() != SimLwp.State.SLEEPING && state(t).counted, "it woke and counts again");
        assertEquals(1, sched.ucount(0, null));
    }

    /**
     * {@code dfly_acquire_curproc}'s paced push (feature 0x08): a rescheduled LWP looks for a better CPU only on its
     * CPU's turn, {@code sched_ticks / 8 % ncpus == cpu}; after {@code dfly_release_curproc} its own CPU counts as
     * running nothing, so a lone hog stays put.
     */
    @Test
    void theReschedulePushIsPacedToOneCpuEveryEightTicks() {
        DflyScheduler sched = new DflyScheduler();
        SimCore core = new SimCore(Topologies.symmetric("smp-2", 1, 2, 1), sched, 1);
        SimLwp a = core.spawnHog("a", 0);
        SimLwp b = core.spawnHog("b", 0);
        SimLwp c = core.spawnHog("c", 0);
        core.run(2 * SECOND);
        long migrations = core.host().migrations();
        int[] turns = new int[2];
        for (int step = 0; step < 8 * 32; step++) {
            long ticks = core.now() / SimCore.TICK_NANOS;
            int cpu = (int) (ticks / 8 % 2);
            turns[cpu]++;
            core.run(SimCore.TICK_NANOS);
        }
        assertEquals(turns[0], turns[1], "each CPU's turn is 8 ticks in 16");
        // three hogs on two CPUs: the rover (a turn every 8 ticks, pulling when its CPU is the lighter) and the paced
        // pushes move one now and then; unpaced pushes at every expired quantum would be about 100 in 5.12 s
        long moved = core.host().migrations() - migrations;
        assertTrue(moved > 0 && moved < 50, moved + " migrations in 5.12 s");
        assertSame(SimLwp.State.RUNNING, core.current(0).state());
        assertTrue(java.util.Set.of(a, b, c).contains(core.current(1)));

        DflyScheduler lone = new DflyScheduler();
        SimCore alone = new SimCore(Topologies.symmetric("smp-2", 1, 2, 1), lone, 1);
        SimLwp hog = alone.spawnHog("hog", 0);
        alone.run(SECOND);
        int where = hog.cpu();
        long before = alone.host().migrations();
        alone.run(2 * SECOND);
        assertEquals(where, hog.cpu(), "a lone hog stays on its CPU through every paced turn");
        assertEquals(before, alone.host().migrations());
    }

    /**
     * {@code dfly_acquire_curproc}'s steal: an LWP returning to user mode takes its CPU's designation at once when it
     * is better than the designated LWP by more than {@code fast_resched} at queue granularity; otherwise it queues.
     */
    @Test
    void aMuchBetterLwpStealsTheDesignationAtOnceAndAClosePeerQueues() {
        DflyScheduler sched = new DflyScheduler();
        SimCore core = new SimCore(Topologies.uniprocessor(), sched, 1);
        SimLwp hog = core.spawnHog("hog", 0);
        SimLwp peer = core.spawnHog("peer", 0);
        SimLwp light = core.spawn("light", 0, SchedClass.NORMAL, 1_000_000L, 50_000_000L, -1);
        core.run(3 * SECOND);
        for (SimLwp[] pair : new SimLwp[][] {{hog, peer}, {peer, hog}, {hog, light}, {light, hog}}) {
            boolean far = Priorities.masked(state(pair[0]).priority) > Priorities.masked(state(pair[1]).priority) + 2;
            assertEquals(far, sched.stealDesignation(0, pair[0], pair[1]), pair[1] + " from " + pair[0]);
        }
        assertTrue(sched.stealDesignation(0, hog, light), "the light LWP is many queues better than a hog");
        assertTrue(light.runtimeNanos() > 50_000_000L, "it got the CPU at its wakeups: " + light.runtimeNanos());
    }

    /**
     * dfly has a spinlock per CPU, {@code dd->spin}: queueing an LWP on a CPU takes that CPU's and no other
     * ({@code dfly_setrunqueue_dd} locks {@code rdd->spin}), so CPUs working on their own queues never share a lock.
     */
    @Test
    void eachCpuHasItsOwnDdSpinAndQueueingOnACpuTakesOnlyThatCpus() {
        DflyScheduler sched = new DflyScheduler();
        SimCore core = new SimCore(Topologies.symmetric("smp-4", 1, 4, 1), sched, 1);
        List<SimLock> locks = core.host().locks();
        assertEquals(List.of("dd->spin", "dd->spin", "dd->spin", "dd->spin"),
                locks.stream().map(SimLock::name).toList());
        List<SimLwp> sleepers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sleepers.add(core.spawn("io" + i, 0, SchedClass.NORMAL, 2_000_000L, 50_000_000L, -1));
        }
        core.spawnHog("hog", 0);
        core.run(SECOND);
        assertTrue(locks.stream().allMatch(l -> l.acquisitions() > 0), "every CPU's lock was taken");
        SimLwp asleep = sleepers.stream().filter(t -> t.state() == SimLwp.State.SLEEPING).findFirst().orElseThrow();
        long[] before = locks.stream().mapToLong(SimLock::acquisitions).toArray();
        sched.enqueue(asleep, 2, true);
        assertEquals(2, state(asleep).qcpu);
        long[] after = locks.stream().mapToLong(SimLock::acquisitions).toArray();
        assertEquals(List.of(0L, 0L, 1L, 0L), List.of(after[0] - before[0], after[1] - before[1], after[2] - before[2],
                after[3] - before[3]));
    }
}
