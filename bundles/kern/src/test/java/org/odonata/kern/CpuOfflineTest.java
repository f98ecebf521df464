package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.CpuTimes;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kern.ThreadState;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.vfs.RootFs;
import org.odonata.kern.workload.Workloads;

/** usched_global_cpumask under the test policies: a CPU taken offline mid-run, and back. */
class CpuOfflineTest {

    static Stream<UserSchedulerFactory> schedulers() {
        return Stream.of(TestFifoScheduler.factory("testfifo"), TestPerCpuScheduler.factory("percpu"));
    }

    private static SimKernel boot(UserSchedulerFactory scheduler) {
        return new SimKernel(Machines.machine("smp-4", 3, EngineKind.CONTINUATION), scheduler,
                TestTasTokens.factory("tas"), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS);
    }

    @ParameterizedTest
    @MethodSource("schedulers")
    void anOfflineCpuStopsRunningUserLwpsTheOthersShareTheWorkAndItRunsThemAgainOnceOnline(
            UserSchedulerFactory scheduler) {
        try (SimKernel k = boot(scheduler)) {
            // pingpong sleeps on every message (no kern.pipe.delay poll): polling pairs would keep their CPUs
            // busy, and the test schedulers, which never time-slice, would starve a hog
            k.sysctl("kern.pipe.delay", 0);
            Workloads.start(k, "cpuhog", List.of("6"));
            WorkloadRun pingpong = Workloads.start(k, "pingpong", List.of("--pairs", "2"));
            k.runFor(Machines.ms(100));
            int threads = k.threads().size();
            assertTrue(userNanos(k, 3) > 0, "cpu3 ran hogs before going offline");

            k.setCpuOnline(3, false);
            assertFalse(k.cpuOnline(3));
            k.checkConservation();
            k.runFor(Machines.ms(50));
            long[] settled = userNanos(k);
            long[] hogsSettled = hogRuntimes(k);
            assertEquals(6, hogsSettled.length);
            long roundTrips = pingpong.counters().get("round_trips");
            k.runFor(Machines.ms(200));
            long[] offline = userNanos(k);
            assertEquals(settled[3], offline[3], "cpu3 ran user code while offline");
            for (int cpu = 0; cpu < 3; cpu++) {
                assertTrue(offline[cpu] - settled[cpu] > Machines.ms(150), "cpu" + cpu + " shares the hogs: "
                        + (offline[cpu] - settled[cpu]) + " ns of 200 ms");
            }
            long[] hogsOffline = hogRuntimes(k);
            for (int i = 0; i < hogsOffline.length; i++) {
                assertTrue(hogsOffline[i] > hogsSettled[i], "hog " + i + " ran while cpu3 was offline");
            }
            assertTrue(pingpong.counters().get("round_trips") > roundTrips, "woken LWPs run elsewhere");
            assertTrue(k.threads().stream().noneMatch(t -> t.pid() > 0 && t.cpu() == 3),
                    () -> "an LWP is still on cpu3: " + k.threads());
            assertEquals(threads, k.threads().size(), "no thread lost");
            k.checkConservation();

            k.setCpuOnline(3, true);
            assertTrue(k.cpuOnline(3));
            k.runFor(Machines.ms(200));
            assertTrue(userNanos(k, 3) - offline[3] > Machines.ms(100), "cpu3 runs hogs again once online");
            assertEquals(threads, k.threads().size());
            k.checkConservation();
            assertEquals(List.of(), k.faults());
        }
    }

    @ParameterizedTest
    @MethodSource("schedulers")
    void anLwpWokenOnAnOfflineCpuIsQueuedOnAnOnlineOne(UserSchedulerFactory scheduler) {
        try (SimKernel k = boot(scheduler)) {
            for (int i = 0; i < 4; i++) {
                k.spawn("sleeper", sys -> {
                    while (true) {
                        sys.compute(300_000);
                        sys.nanosleep(Machines.ms(5));
                    }
                });
            }
            k.runFor(Machines.ms(20));
            int cpu = k.threads().stream().filter(t -> t.pid() > 0 && t.state() == ThreadState.SLEEPING)
                    .mapToInt(ThreadInfo::cpu).findFirst().orElseThrow();
            k.setCpuOnline(cpu, false);
            // the reschedule request reaches the CPU at once; the sleeper wakes there later, within 5 ms
            k.runFor(100_000);
            long user = userNanos(k, cpu);
            long[] runtimes = k.threads().stream().filter(t -> t.pid() > 0).mapToLong(ThreadInfo::tid)
                    .map(k::lwpRuntime).toArray();
            k.runFor(Machines.ms(50));
            assertEquals(user, userNanos(k, cpu), "cpu" + cpu + " ran user code while offline");
            long[] after = k.threads().stream().filter(t -> t.pid() > 0).mapToLong(ThreadInfo::tid)
                    .map(k::lwpRuntime).toArray();
            for (int i = 0; i < after.length; i++) {
                assertTrue(after[i] > runtimes[i], "sleeper " + i + " kept running");
            }
            assertTrue(k.threads().stream().noneMatch(t -> t.pid() > 0 && t.cpu() == cpu),
                    () -> "an LWP is still on offline cpu" + cpu + ": " + k.threads());
            k.checkConservation();
        }
    }

    @Test
    void threadsAreConservedAcrossRandomOfflineOnlineChangesAndSwaps() {
        UserSchedulerFactory[] scheds = {TestFifoScheduler.factory("fifo-a"), TestPerCpuScheduler.factory("percpu-b")};
        try (SimKernel k = boot(scheds[0])) {
            List<WorkloadRun> runs = new ArrayList<>();
            runs.add(Workloads.start(k, "cpuhog", List.of("5")));
            runs.add(Workloads.start(k, "pingpong", List.of("--pairs", "3")));
            runs.add(Workloads.start(k, "tokens", List.of("3", "--hold", "20us", "--block")));
            runs.add(Workloads.start(k, "forkstorm", List.of("--parents", "1")));
            SplittableRandom random = new SplittableRandom(77);
            int changes = 0;
            for (int i = 0; i < 1_000; i++) {
                k.runFor(random.nextLong(1_000, 300_000));
                int cpu = random.nextInt(4);
                if (random.nextInt(8) == 0) {
                    k.swapScheduler(scheds[random.nextInt(2)]);
                } else if (!k.cpuOnline(cpu)) {
                    k.setCpuOnline(cpu, true);
                    changes++;
                } else if (onlineCount(k) > 1) {
                    k.setCpuOnline(cpu, false);
                    changes++;
                }
                k.checkConservation();
            }
            assertTrue(changes > 500, "offline/online changes " + changes);
            for (int cpu = 0; cpu < 4; cpu++) {
                k.setCpuOnline(cpu, true);
            }
            long[] before = runs.stream().mapToLong(CpuOfflineTest::ops).toArray();
            k.runFor(Machines.ms(100));
            k.checkConservation();
            for (int i = 0; i < runs.size(); i++) {
                assertTrue(ops(runs.get(i)) > before[i], runs.get(i) + " stalled");
            }
            assertEquals(List.of(), k.faults());
        }
    }

    @Test
    void takingTheLastOnlineCpuOfflineIsRefused() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.setCpuOnline(0, false);
            k.setCpuOnline(1, false);
            k.setCpuOnline(2, false);
            k.setCpuOnline(2, false);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.setCpuOnline(3, false));
            assertTrue(e.getMessage().contains("cpu3") && e.getMessage().contains("last online CPU"),
                    e.getMessage());
            assertTrue(k.cpuOnline(3));
        }
    }

    @Test
    void aCpuTheMachineDoesNotHaveIsRejectedNamingTheRange() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.setCpuOnline(4, false));
            assertEquals("no CPU 4: this machine has CPUs 0..3", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> k.setCpuOnline(-1, true));
            assertThrows(IllegalArgumentException.class, () -> k.cpuOnline(4));
        }
    }

    @Test
    void aSchedulerThatSelectsAnOfflineCpuIsEjectedForTheFallback() {
        UserSchedulerFactory stubborn = new UserSchedulerFactory() {
            @Override
            public String name() {
                return "stubborn";
            }

            @Override
            public String description() {
                return "places every wakeup on cpu3";
            }

            @Override
            public UserScheduler create() {
                return new TestFifoScheduler() {
                    @Override
                    public int selectCpu(SchedThread t, int wakerCpu) {
                        return 3;
                    }
                };
            }
        };
        try (SimKernel k = boot(stubborn)) {
            k.setFallback(TestFifoScheduler.factory("fallback"), null);
            Workloads.start(k, "pingpong", List.of("--pairs", "2"));
            k.runFor(Machines.ms(20));
            k.setCpuOnline(3, false);
            k.runFor(Machines.ms(20));
            assertEquals("fallback", k.scheduler());
            assertEquals(1, k.faults().size(), k.faults().toString());
            assertTrue(k.faults().get(0).contains("CPU 3 is offline"), k.faults().get(0));
            k.checkConservation();
        }
    }

    private static long[] userNanos(SimKernel k) {
        return k.cpuTimes().stream().mapToLong(CpuTimes::userNanos).toArray();
    }

    private static long userNanos(SimKernel k, int cpu) {
        return k.cpuTimes().get(cpu).userNanos();
    }

    private static long[] hogRuntimes(SimKernel k) {
        return k.threads().stream().filter(t -> t.name().equals("cpuhog")).mapToLong(ThreadInfo::tid)
                .map(k::lwpRuntime).toArray();
    }

    private static int onlineCount(SimKernel k) {
        int n = 0;
        for (int cpu = 0; cpu < 4; cpu++) {
            n += k.cpuOnline(cpu) ? 1 : 0;
        }
        return n;
    }

    private static long ops(WorkloadRun r) {
        return r.counters().values().stream().mapToLong(Long::longValue).sum();
    }
}
