package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kern.ThreadState;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.kern.workload.Workloads;

class CpuhogTest {

    @Test
    void hogsShareEveryCpuFairlyUnderTheTestScheduler() {
        try (SimKernel k = Machines.boot("smp-4", 7)) {
            WorkloadRun run = Workloads.start(k, "cpuhog", List.of("8"));
            k.runFor(Machines.ms(2_000));
            k.checkConservation();
            long[] runtime = k.threads().stream().filter(t -> t.pid() > 0).mapToLong(t -> runtimeOf(k, t)).toArray();
            assertEquals(8, runtime.length);
            double sum = 0;
            double sq = 0;
            for (long r : runtime) {
                sum += r;
                sq += (double) r * r;
            }
            double jain = sum * sum / (runtime.length * sq);
            assertTrue(jain > 0.95, "Jain's index " + jain);
            // 4 CPUs busy for ~2 s: 2 ms bursts done in total ≈ 4 × 2000 / 1
            long bursts = run.counters().get("bursts");
            assertTrue(bursts > 7_000 && bursts <= 8_000, "bursts " + bursts);
            assertTrue(k.stats().contextSwitches() > 0);
        }
    }

    @Test
    void oneHogOnOneCpuRunsAndTheIdleThreadsHalt() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            Workloads.start(k, "cpuhog", List.of("1"));
            k.runFor(Machines.ms(100));
            List<ThreadInfo> ts = k.threads();
            assertEquals(1, ts.stream().filter(t -> t.pid() > 0 && t.state() == ThreadState.RUNNING).count());
            k.checkConservation();
        }
    }

    static long runtimeOf(SimKernel k, ThreadInfo t) {
        return k.lwpRuntime(t.tid());
    }
}
