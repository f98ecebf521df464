package org.odonata.sched.fifo;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.SchedClass;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;

/** Classes are strict under fifo: realtime before normal before idle; FIFO within a class. */
class FifoClassesTest {

    @Test
    void aRealtimeWakeupPreemptsANormalLwpAndIdleClassWaitsForEveryoneElse() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new FifoScheduler(), 1);
        SimLwp normal = core.spawnHog("normal", 0);
        core.reschedulePending();
        SimLwp idle = core.spawn("idle", 0, SchedClass.IDLE, 0, 0, -1);
        SimLwp rt = core.spawn("rt", 0, SchedClass.REALTIME, 5_000_000L, 1_000_000_000L, -1);
        core.reschedulePending();
        assertSame(rt, core.current(0), "realtime preempts the normal LWP at once");
        core.run(10_000_000L);
        assertSame(normal, core.current(0), "after the realtime burst the normal LWP, not the idle-class one");
        core.run(SimCore.TICK_NANOS * 20);
        assertSame(normal, core.current(0), "the quantum does not hand the CPU to a worse class");
        assertTrue(idle.runtimeNanos() == 0);
    }

    @Test
    void aBusyMachineQueuesRealtimeAheadOfEarlierNormalLwps() {
        SimCore core = new SimCore(Topologies.uniprocessor(), new FifoScheduler(), 1);
        SimLwp running = core.spawnHog("running", 0);
        core.reschedulePending();
        core.spawnHog("waiting", 0);
        core.spawn("idle", 0, SchedClass.IDLE, 0, 0, -1);
        SimLwp rt = core.spawn("rt", 0, SchedClass.REALTIME, 0, 0, -1);
        core.reschedulePending();
        assertSame(rt, core.current(0));
        assertTrue(core.isQueued(running));
    }
}
