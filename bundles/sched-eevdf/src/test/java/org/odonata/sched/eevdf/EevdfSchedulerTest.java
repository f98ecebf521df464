package org.odonata.sched.eevdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
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

class EevdfSchedulerTest {

    private static final LockFactoryComponent LOCKS = new LockFactoryComponent();

    /** A real machine, and a kernel wired as the framework wires it (tmpfs root): the kernel-level properties. */
    static final Platform PLATFORM = Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(LOCKS,
            new VfsComponent(LOCKS, List.of(new TmpfsType()))));

    private static final long SECOND = 1_000_000_000L;

    @Test
    void passesTheSchedulerConformanceKitIncludingWorkConservation() {
        SchedulerKit.assertConforms(new EevdfFactory(), PLATFORM);
    }

    /** Nice 0 weighs 1024, nice 5 weighs 335 ({@code sched_prio_to_weight}): shares of 75.4% and 24.6%. */
    @Test
    void cpuTimeFollowsTheNiceWeights() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new EevdfScheduler(), 1);
        SimLwp heavy = core.spawnHog("nice0", 0);
        SimLwp light = core.spawnHog("nice5", 5);
        core.run(20 * SECOND);
        double share = (double) heavy.runtimeNanos() / (heavy.runtimeNanos() + light.runtimeNanos());
        assertEquals(1024.0 / (1024 + 335), share, 0.02, "nice 0's share");
    }

    @Test
    void equalHogsShareAMachineFairlyThroughLoadBalancing() {
        SimCore core = new SimCore(Topologies.laptop4c8t(), new EevdfScheduler(), 3);
        List<SimLwp> hogs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            hogs.add(core.spawn("hog" + i, 0, SchedClass.NORMAL, 0, 0, 0));
        }
        core.run(10 * SECOND);
        assertTrue(Fairness.jain(hogs) >= 0.98, "Jain " + Fairness.jain(hogs));
        for (int cpu = 0; cpu < 8; cpu++) {
            assertTrue(core.current(cpu) != null, "cpu" + cpu + " idle with 16 hogs");
        }
    }

    @Test
    void aWakingSleeperPreemptsAHogItIsOwedTimeBy() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new EevdfScheduler(), 1);
        core.spawnHog("hog", 0);
        core.run(SECOND);
        SimLwp sleeper = core.spawn("sleeper", 0, SchedClass.NORMAL, 1_000_000L, 30_000_000L, 0);
        core.run(3 * SECOND);
        assertTrue(core.maxWaitNanos() <= SimCore.TICK_NANOS, "the sleeper waited " + core.maxWaitNanos()
                + " ns, more than a schedclock tick, to run");
        assertTrue(sleeper.runtimeNanos() > 80_000_000L, "it ran " + sleeper.runtimeNanos());
    }
}
