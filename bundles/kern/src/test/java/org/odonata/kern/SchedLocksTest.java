package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.sched.SchedLock;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;
import org.odonata.api.sync.LockStats;
import org.odonata.api.vfs.RootFs;
import org.odonata.kern.workload.Workloads;

/**
 * The user scheduler's spinlocks cost what the coherence model says (issue 9 §3): the kit's global queue, which
 * every CPU reaches, costs line transfers as soon as two CPUs use it; on one CPU its line stays in that CPU's
 * cache. DragonFly's own run queues are reached the same way ({@code bsd4_spin}, {@code dd->spin}).
 */
class SchedLocksTest {

    /** sched_ext's scx_simple on the kit: a local queue per CPU and a global one, each under its own lock. */
    private static final UserSchedulerFactory SIMPLE = new UserSchedulerFactory() {
        @Override
        public String name() {
            return "simple";
        }

        @Override
        public String description() {
            return "the kit's defaults";
        }

        @Override
        public UserScheduler create() {
            return new DsqScheduler<Entity>() {
            };
        }
    };

    private static Map<String, LockStats> run(String preset) {
        try (SimKernel k = new SimKernel(Machines.machine(preset, 3, EngineKind.CONTINUATION), SIMPLE,
                TestTasTokens.factory("tas"), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            Workloads.start(k, "pingpong", List.of("--pairs", "8"));
            k.runFor(Machines.ms(10));
            return k.schedLockStats().stream().collect(Collectors.toMap(LockStats::name, s -> s));
        }
    }

    @Test
    void aQueueSharedBetweenCpusCostsLineTransfersAndOneCpusQueueDoesNot() {
        Map<String, LockStats> smp = run("smp-4");
        assertEquals(List.of("dsq global", "dsq local"), smp.keySet().stream().sorted().toList());
        LockStats global = smp.get("dsq global");
        assertTrue(global.acquisitions() > 1_000 && global.collisions() > global.acquisitions() / 10
                && global.spinCycles() > 20 * global.collisions(), "4 CPUs share the global queue: " + global);
        LockStats up = run("uniprocessor").get("dsq global");
        assertTrue(up.acquisitions() > 1_000, up.toString());
        // one CPU pays only the first, cold, miss of the line
        assertEquals(1, up.collisions(), "one CPU keeps the line: " + up);
    }

    @Test
    void aSchedulerLockTakenTwiceByTheSameCodeThrowsWhereDragonFlyWouldDeadlock() {
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 3, EngineKind.CONTINUATION), SIMPLE,
                TestTasTokens.factory("tas"), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            SchedLock lock = k.schedLocks.newLock("test");
            lock.lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::lock);
            assertEquals("scheduler lock test taken again by code outside any CPU, which holds it (DragonFly would "
                    + "deadlock)", e.getMessage());
            lock.unlock();
            assertThrows(IllegalStateException.class, lock::unlock);
            assertTrue(lock.tryLock());
            lock.unlock();
        }
    }
}
