package org.odonata.sched.lwkt.usched;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.UserScheduler;
import org.odonata.sched.lwkt.bsd4.Bsd4Scheduler;
import org.odonata.sched.lwkt.dfly.DflyScheduler;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;

/** Both schedulers order realtime LWPs by rtprio level, and idle-class LWPs after everything else. */
class RtprioLevelTest {

    static Stream<Supplier<UserScheduler>> schedulers() {
        return Stream.of(DflyScheduler::new, Bsd4Scheduler::new);
    }

    @ParameterizedTest
    @MethodSource("schedulers")
    void aBetterRtprioLevelKeepsTheCpu(Supplier<UserScheduler> factory) {
        SimCore core = new SimCore(Topologies.uniprocessor(), factory.get(), 1);
        SimLwp a = core.spawn("rt-a", 0, SchedClass.REALTIME, 0, 0, -1);
        SimLwp b = core.spawn("rt-b", 0, SchedClass.REALTIME, 0, 0, -1);
        core.reschedulePending();
        SimLwp first = core.current(0);
        SimLwp second = first == a ? b : a;
        long before = second.runtimeNanos();
        // level 20 is five queues below level 0: the next priority recalculation (a tick) hands the CPU over
        first.setSchedLevel(20);
        core.run(SimCore.TICK_NANOS * 50);
        assertSame(second, core.current(0));
        assertTrue(second.runtimeNanos() - before > 40 * SimCore.TICK_NANOS, "level 0 ran " + second.runtimeNanos());
        SimLwp idle = core.spawn("idle", 0, SchedClass.IDLE, 0, 0, -1);
        core.run(SimCore.TICK_NANOS * 20);
        assertTrue(idle.runtimeNanos() == 0, "the idle class ran while realtime LWPs were runnable");
    }
}
