package org.odonata.sched.rr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.tck.Platform;
import org.odonata.tck.sched.SchedulerKit;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;
import org.odonata.vfs.VfsComponent;

class RrSchedulerTest {

    private static final LockFactoryComponent LOCKS = new LockFactoryComponent();

    /** A real machine, and a kernel wired as the framework wires it (tmpfs root): the kernel-level properties. */
    static final Platform PLATFORM = Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(LOCKS,
            new VfsComponent(LOCKS, List.of(new TmpfsType()))));

    private static final long SLICE = SimCore.TICK_NANOS * RrScheduler.DEFAULT_SLICE_TICKS;

    @Test
    void passesTheSchedulerConformanceKitIncludingWorkConservation() {
        SchedulerKit.assertConforms(new RrFactory(), PLATFORM);
    }

    @Test
    void lwpsOnOneCpuTakeTurnsOneSliceEach() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new RrScheduler(), 1);
        SimLwp a = core.spawnHog("a", 0);
        SimLwp b = core.spawnHog("b", 19);
        SimLwp c = core.spawnHog("c", -20);
        core.reschedulePending();
        assertSame(a, core.current(0));
        core.run(SLICE);
        assertSame(b, core.current(0), "nice does not matter");
        core.run(SLICE);
        assertSame(c, core.current(0));
        core.run(SLICE);
        assertSame(a, core.current(0));
    }

    @Test
    void aWakingLwpGoesBackToItsCpuWhenNoneIsIdle() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new RrScheduler(), 1);
        for (int i = 0; i < 8; i++) {
            core.spawnHog("hog" + i, 0);
        }
        core.reschedulePending();
        SimLwp sleeper = core.spawn("sleeper", 0, SchedClass.NORMAL, 1_000_000L, 5_000_000L, 5);
        for (int step = 0; step < 1_000; step++) {
            core.run(SimCore.STEP_NANOS);
            if (sleeper.state() == SimLwp.State.RUNNING) {
                assertEquals(5, sleeper.cpu(), "it ran away from its CPU at t=" + core.now());
            }
        }
        assertTrue(sleeper.runtimeNanos() >= 5_000_000L, "it ran, between hogs: " + sleeper.runtimeNanos());
    }

    @Test
    void anIdleCpuStealsFromTheLongestQueue() {
        SimCore core = new SimCore(Topologies.symmetric("smp-2", 1, 2, 1), new RrScheduler(), 1);
        SimLwp a = core.spawn("a", 0, SchedClass.NORMAL, 10_000_000L, 1_000_000_000L, 0);
        core.reschedulePending();
        SimLwp b = core.spawnHog("b", 0);
        SimLwp c = core.spawn("c", 0, SchedClass.NORMAL, 0, 0, 1);
        core.reschedulePending();
        assertSame(a, core.current(0));
        assertSame(b, core.current(1));
        assertTrue(core.isQueued(c));
        core.run(12_000_000L);
        assertSame(c, core.current(0), "cpu0 emptied its queue when a slept, so it stole c from cpu1's");
        assertEquals(0, core.scheduler().queued());
    }
}
