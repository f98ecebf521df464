package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.CpuTimes;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kern.ThreadState;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.kern.SimKernel;
import org.odonata.kern.workload.Workloads;
import org.odonata.sched.fifo.FifoFactory;
import org.odonata.sched.lwkt.bsd4.Bsd4Factory;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.mcs.McsTokenFactory;
import org.odonata.sync.ticket.TicketTokenFactory;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/**
 * Whole-kernel properties with the real schedulers and token implementations (not test doubles): no thread is
 * lost or duplicated across thousands of swaps under load, runs are deterministic on both engines, dfly
 * shares CPUs fairly between equal hogs, and every scheduler keeps user LWPs off a CPU taken offline.
 */
class KernelPropertiesTest {

    private static final List<UserSchedulerFactory> SCHEDULERS = List.of(new DflyFactory(), new Bsd4Factory(),
            new FifoFactory());
    private static final List<TokenAlgorithmFactory> TOKENS = List.of(new LwktTokenFactory(),
            new TicketTokenFactory(), new McsTokenFactory());

    private static SimKernel boot(String preset, long seed, EngineKind engine, UserSchedulerFactory sched) {
        MachineSpec base = MachineSpec.of("t", Presets.topology(preset));
        KernelFactoryComponent kernels = new KernelFactoryComponent(new VfsComponent(new LockFactoryComponent(),
                List.of(new TmpfsType())));
        return (SimKernel) kernels.boot(new MachineFactoryComponent().create(
                new MachineSpec("t", base.topology(), base.costs(), List.of(), seed, engine)), sched,
                new LwktTokenFactory());
    }

    private static void load(SimKernel k) {
        Workloads.start(k, "cpuhog", List.of("12"));
        Workloads.start(k, "tokens", List.of("4", "--hold", "20us", "--block"));
        Workloads.start(k, "tokens", List.of("3", "--hold", "5us", "--token", "vm"));
        Workloads.start(k, "pingpong", List.of("--pairs", "2"));
    }

    @Test
    void thousandsOfRandomlyTimedSwapsInBothDirectionsLoseNoThread() {
        SimKernel k = boot("laptop-4c8t", 11, EngineKind.CONTINUATION, new DflyFactory());
        load(k);
        // long enough for every ping process to have run and forked its pong under 100 ms round-robin
        k.runFor(1_000_000_000L);
        int threads = k.threads().size();
        assertEquals(8 + 12 + 4 + 3 + 4, threads, () -> "idle threads, hogs, token loops, ping-pong pairs: "
                + k.threads());
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 2_000; i++) {
            k.runFor(random.nextLong(1, 200_000));
            if (random.nextBoolean()) {
                k.swapScheduler(SCHEDULERS.get(random.nextInt(SCHEDULERS.size())));
            } else {
                k.swapTokens(TOKENS.get(random.nextInt(TOKENS.size())));
            }
            k.checkConservation();
        }
        k.runFor(20_000_000L);
        k.checkConservation();
        assertEquals(threads, k.threads().size(), "threads before and after 2,000 swaps");
        assertEquals(List.of(), k.faults());
    }

    @Test
    void theSameSeedGivesTheSameDigestOnBothEngines() {
        String[] digests = new String[3];
        EngineKind[] engines = {EngineKind.CONTINUATION, EngineKind.CONTINUATION, EngineKind.VIRTUAL_THREAD};
        for (int i = 0; i < digests.length; i++) {
            SimKernel k = boot("laptop-4c8t", 5, engines[i], new DflyFactory());
            load(k);
            k.runFor(30_000_000L);
            k.swapScheduler(new Bsd4Factory());
            k.swapTokens(new McsTokenFactory());
            k.runFor(30_000_000L);
            digests[i] = k.digest();
        }
        assertEquals(digests[0], digests[1], "same seed, same engine");
        assertEquals(digests[0], digests[2], "continuation and virtual-thread engines");
        SimKernel other = boot("laptop-4c8t", 6, EngineKind.CONTINUATION, new DflyFactory());
        load(other);
        other.runFor(30_000_000L);
        assertNotEquals(digests[0], other.digest());
    }

    @ParameterizedTest
    @FieldSource("SCHEDULERS")
    void anOfflineCpuRunsNoUserLwpWhileTheOthersShareTheWorkAndRunsThemAgainOnceOnline(
            UserSchedulerFactory sched) {
        SimKernel k = boot("smp-4", 3, EngineKind.CONTINUATION, sched);
        Workloads.start(k, "cpuhog", List.of("6"));
        k.runFor(100_000_000L);
        k.setCpuOnline(3, false);
        k.runFor(50_000_000L);
        List<CpuTimes> settled = k.cpuTimes();
        k.runFor(200_000_000L);
        List<CpuTimes> offline = k.cpuTimes();
        assertEquals(settled.get(3).userNanos(), offline.get(3).userNanos(), "cpu3 ran user code while offline");
        for (int cpu = 0; cpu < 3; cpu++) {
            long idle = offline.get(cpu).idleNanos() - settled.get(cpu).idleNanos();
            assertTrue(idle < 1_000_000L, "cpu" + cpu + " shares the work, idle " + idle + " ns of 200 ms");
        }
        assertTrue(k.threads().stream().noneMatch(t -> t.pid() > 0 && t.cpu() == 3
                && t.state() == ThreadState.RUNNING), () -> "an LWP runs on cpu3: " + k.threads());
        assertEquals(4 + 6, k.threads().size(), "no thread lost");
        k.checkConservation();
        k.setCpuOnline(3, true);
        k.runFor(300_000_000L);
        long user = k.cpuTimes().get(3).userNanos() - offline.get(3).userNanos();
        assertTrue(user > 50_000_000L, "cpu3 runs user code again once online: " + user + " ns of 300 ms");
        k.checkConservation();
        assertEquals(List.of(), k.faults());
    }

    @Test
    void dflySharesTheOnlineCpusFairlyAndStrandsNoLwpOnAnOfflineOne() {
        SimKernel k = boot("smp-4", 1, EngineKind.CONTINUATION, new DflyFactory());
        Workloads.start(k, "cpuhog", List.of("6"));
        k.runFor(100_000_000L);
        k.setCpuOnline(3, false);
        long[] before = hogRuntimes(k);
        // long enough for cpu3's rover turn (every 8 ticks one CPU in turn) to come round several times
        k.runFor(3_000_000_000L);
        long[] after = hogRuntimes(k);
        double jain = jain(IntStream.range(0, before.length).mapToDouble(i -> after[i] - before[i]).toArray());
        assertTrue(jain >= 0.95, "Jain's index over 3 virtual seconds on 3 CPUs: " + jain);
        k.checkConservation();
    }

    @Test
    void randomOfflineOnlineChangesAndSwapsLoseNoThread() {
        SimKernel k = boot("laptop-4c8t", 12, EngineKind.CONTINUATION, new DflyFactory());
        load(k);
        k.runFor(1_000_000_000L);
        int threads = k.threads().size();
        SplittableRandom random = new SplittableRandom(404);
        for (int i = 0; i < 600; i++) {
            k.runFor(random.nextLong(1, 500_000));
            int cpu = random.nextInt(8);
            if (random.nextInt(4) == 0) {
                k.swapScheduler(SCHEDULERS.get(random.nextInt(SCHEDULERS.size())));
            } else if (!k.cpuOnline(cpu)) {
                k.setCpuOnline(cpu, true);
            } else if (random.nextBoolean() && onlineCpus(k) > 1) {
                k.setCpuOnline(cpu, false);
            }
            k.checkConservation();
        }
        k.runFor(20_000_000L);
        k.checkConservation();
        assertEquals(threads, k.threads().size(), "threads before and after 600 changes");
        assertEquals(List.of(), k.faults());
    }

    @Test
    void dflySharesCpusFairlyBetweenEqualHogs() {
        SimKernel k = boot("laptop-4c8t", 1, EngineKind.CONTINUATION, new DflyFactory());
        Workloads.start(k, "cpuhog", List.of("16"));
        k.runFor(10_000_000_000L);
        double[] runtimes = k.threads().stream().filter(t -> t.name().equals("cpuhog")).mapToLong(ThreadInfo::tid)
                .mapToDouble(k::lwpRuntime).toArray();
        assertEquals(16, runtimes.length);
        double jain = jain(runtimes);
        assertTrue(jain >= 0.99, "Jain's index over 10 virtual seconds: " + jain);
    }

    /** Jain's fairness index: 1 when every share is equal, 1/n when one takes everything. */
    private static double jain(double[] shares) {
        double sum = 0;
        double squares = 0;
        for (double r : shares) {
            sum += r;
            squares += r * r;
        }
        return sum * sum / (shares.length * squares);
    }

    private static long[] hogRuntimes(SimKernel k) {
        return k.threads().stream().filter(t -> t.name().equals("cpuhog")).mapToLong(ThreadInfo::tid)
                .map(k::lwpRuntime).toArray();
    }

    private static int onlineCpus(SimKernel k) {
        int n = 0;
        for (int cpu = 0; cpu < k.machine().topology().cpuCount(); cpu++) {
            n += k.cpuOnline(cpu) ? 1 : 0;
        }
        return n;
    }
}
