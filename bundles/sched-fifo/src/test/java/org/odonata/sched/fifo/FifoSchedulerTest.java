package org.odonata.sched.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.UserScheduler;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.tck.Platform;
import org.odonata.tck.sched.SchedulerKit;
import org.odonata.tck.sched.sim.Fairness;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;
import org.odonata.vfs.VfsComponent;

class FifoSchedulerTest {

    private static final LockFactoryComponent LOCKS = new LockFactoryComponent();

    /** A real machine, and a kernel wired as the framework wires it (tmpfs root): the kernel-level properties. */
    static final Platform PLATFORM = Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(LOCKS,
            new VfsComponent(LOCKS, List.of(new TmpfsType()))));

    @Test
    void passesTheSchedulerConformanceKitIncludingWorkConservation() {
        SchedulerKit.assertConforms(new FifoFactory(), PLATFORM);
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
