package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.vfs.RootFs;
import org.odonata.kern.workload.Workloads;

/**
 * schedclock charges the LWP whose thread is current in kernel mode too, and the designated LWP whose tokens are
 * contended while its CPU spins in the idle thread ({@code dfly_schedulerclock}); otherwise an LWP that lives in
 * the kernel never ends its quantum and keeps its CPU while others wait.
 */
class SchedclockChargeTest {

    /** The test scheduler, counting the ticks charged to each LWP. */
    private static final class Charging extends TestFifoScheduler {
        final Map<Long, Integer> charged;

        Charging(Map<Long, Integer> charged) {
            this.charged = charged;
        }

        @Override
        public void tick(int cpu, SchedThread running) {
            if (running != null) {
                charged.merge(running.tid(), 1, Integer::sum);
            }
            super.tick(cpu, running);
        }
    }

    @Test
    void tokenHoldersAndSpinningWaitersAreCharged() {
        Map<Long, Integer> charged = new HashMap<>();
        UserSchedulerFactory factory = new UserSchedulerFactory() {
            @Override
            public String name() {
                return "charging";
            }

            @Override
            public String description() {
                return "counts schedclock charges";
            }

            @Override
            public UserScheduler create() {
                return new Charging(charged);
            }
        };
        try (SimKernel k = new SimKernel(Machines.machine("smp-4", 3, EngineKind.CONTINUATION), factory,
                TestTasTokens.factory("tas"), Machines.vfs(), RootFs.TMPFS)) {
            // two LWPs alternate holding one token for 30 ms in the kernel: one holds, the other spins for it
            Workloads.start(k, "tokens", List.of("2", "--hold", "30ms"));
            k.runFor(Machines.ms(400));
            k.checkConservation();
            List<Long> lwps = k.allLwps().stream().map(Lwp::tid).toList();
            for (long tid : lwps) {
                // 400 ms at 50 Hz is 20 ticks per CPU; each LWP is in the kernel (holding or waiting) throughout
                int n = charged.getOrDefault(tid, 0);
                assertTrue(n >= 15, "LWP " + tid + " charged " + n + " ticks: " + charged);
            }
        }
    }
}
