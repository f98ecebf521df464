package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vfs.RootFs;
import org.odonata.kern.workload.Workloads;

class SwapConservationTest {

    @Test
    void threadsAreConservedAcrossThousandsOfRandomlyTimedSwapsInBothDirections() {
        UserSchedulerFactory[] scheds = {TestFifoScheduler.factory("fifo-a"), TestPerCpuScheduler.factory("percpu-b")};
        TokenAlgorithmFactory[] algs = {TestTasTokens.factory("tas-a"), TestTasTokens.factory("tas-b")};
        try (SimKernel k = new SimKernel(Machines.machine("laptop-4c8t", 21,
                org.odonata.api.engine.EngineKind.CONTINUATION), scheds[0], algs[0], Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            // pingpong sleeps on every message (no kern.pipe.delay poll): polling pairs would keep their CPUs
            // busy, and the test schedulers, which never time-slice, would starve the forkstorm
            k.sysctl("kern.pipe.delay", 0);
            List<WorkloadRun> runs = new ArrayList<>();
            runs.add(Workloads.start(k, "cpuhog", List.of("6")));
            runs.add(Workloads.start(k, "pingpong", List.of("--pairs", "3")));
            runs.add(Workloads.start(k, "tokens", List.of("4", "--hold", "20us", "--block")));
            runs.add(Workloads.start(k, "tokens", List.of("4", "--hold", "10us", "--token", "vm")));
            runs.add(Workloads.start(k, "forkstorm", List.of("--parents", "2")));
            SplittableRandom random = new SplittableRandom(1234);
            int schedSwaps = 0;
            int tokenSwaps = 0;
            long threadsMoved = 0;
            long tokensMoved = 0;
            for (int i = 0; i < 2_000; i++) {
                k.runFor(random.nextLong(1_000, 300_000));
                SwapReport r;
                if (random.nextBoolean()) {
                    r = k.swapScheduler(scheds[++schedSwaps % 2]);
                    threadsMoved += r.threadsMoved();
                    assertEquals(k.now(), r.virtualTime());
                } else {
                    r = k.swapTokens(algs[++tokenSwaps % 2]);
                    tokensMoved += r.threadsMoved();
                }
                k.checkConservation();
            }
            assertTrue(schedSwaps > 900 && tokenSwaps > 900);
            assertTrue(threadsMoved > 1_000, "threads moved " + threadsMoved);
            assertTrue(tokensMoved > 10, "held tokens moved " + tokensMoved);
            long[] before = runs.stream().mapToLong(SwapConservationTest::ops).toArray();
            k.runFor(Machines.ms(50));
            k.checkConservation();
            for (int i = 0; i < runs.size(); i++) {
                assertTrue(ops(runs.get(i)) > before[i], runs.get(i) + " stalled");
            }
            assertEquals(List.of(), k.faults());
        }
    }

    @Test
    void aSwapReportsWhatItMovedAndTheNewImplementationsName() {
        try (SimKernel k = Machines.boot("smp-4", 5)) {
            Workloads.start(k, "cpuhog", List.of("10"));
            k.runFor(Machines.ms(30));
            SwapReport r = k.swapScheduler(TestPerCpuScheduler.factory("percpu"));
            assertEquals("sched", r.subsystem());
            assertEquals("testfifo", r.from());
            assertEquals("percpu", r.to());
            assertEquals(6, r.threadsMoved());
            assertEquals("percpu", k.scheduler());
            SwapReport t = k.swapTokens(TestTasTokens.factory("tas2"));
            assertEquals("sync", t.subsystem());
            assertEquals("tas2", k.tokens());
            k.runFor(Machines.ms(300));
            k.checkConservation();
            long min = k.threads().stream().filter(x -> x.pid() > 0).mapToLong(x -> k.lwpRuntime(x.tid())).min()
                    .orElseThrow();
            assertTrue(min > 0, "every hog ran after the swap");
        }
    }

    private static long ops(WorkloadRun r) {
        return r.counters().values().stream().mapToLong(Long::longValue).sum();
    }
}
