package org.odonata.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.kern.workload.Workloads;
import org.odonata.sched.fifo.FifoFactory;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The kernel's host-time costs: simulated context switches per host second for pingpong on one simulated CPU,
 * uncontended token acquire+release pairs per host second on one simulated CPU, and the host time of a live
 * scheduler swap with 10,000 runnable threads. Counters are read from the kernel's own statistics; for pingpong,
 * {@code cpuMicros} and {@code work} (= switches) also give the rate per CPU second of the benchmark thread.
 */
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
public class KernelBench {

    /** Virtual time advanced per benchmark invocation. */
    private static final long SLICE = 1_000_000L;

    static Kernel boot(String preset, UserSchedulerFactory sched) {
        MachineSpec spec = MachineSpec.of("bench", Presets.topology(preset));
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())))
                .boot(new MachineFactoryComponent().create(new MachineSpec("bench", spec.topology(), spec.costs(),
                        List.of(), 1, EngineKind.CONTINUATION)), sched, new LwktTokenFactory());
    }

    /** Reported by JMH as events per host second, next to the invocation rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long contextSwitches;
        public long tokenAcquisitions;
    }

    @State(Scope.Thread)
    public static class Pingpong {
        Kernel kernel;

        @Setup(Level.Trial)
        public void boot() {
            kernel = KernelBench.boot("uniprocessor", new FifoFactory());
            // the switch path: on one CPU, kern.pipe.delay's poll cannot see the partner, which needs that CPU, so
            // it only adds 4 µs and an event to every message
            kernel.sysctl("kern.pipe.delay", 0);
            Workloads.start(kernel, "pingpong", List.of());
            kernel.runFor(SLICE);
        }
    }

    @State(Scope.Thread)
    public static class Tokens {
        Kernel kernel;

        @Setup(Level.Trial)
        public void boot() {
            kernel = KernelBench.boot("uniprocessor", new FifoFactory());
            kernel.spawn("token-loop", sys -> {
                Runnable nothing = () -> { };
                while (true) {
                    sys.withToken("vm", false, nothing);
                }
            });
            kernel.runFor(SLICE);
        }
    }

    @State(Scope.Thread)
    public static class Runnable10k {
        Kernel kernel;
        boolean onFifo;

        @Setup(Level.Trial)
        public void boot() {
            kernel = KernelBench.boot("server-2s32c64t", new DflyFactory());
            Workloads.start(kernel, "cpuhog", List.of("10000"));
            kernel.runFor(50 * SLICE);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void pingpongOneCpu(Pingpong p, Events e, VmBench.CpuTime cpu) {
        runCountingSwitches(p.kernel, SLICE, e, cpu);
    }

    /** Advances {@code kernel} by {@code slice} of virtual time, counting its context switches and the CPU time. */
    static void runCountingSwitches(Kernel kernel, long slice, Events e, VmBench.CpuTime cpu) {
        long t0 = cpu.start();
        long before = kernel.stats().contextSwitches();
        kernel.runFor(slice);
        long switches = kernel.stats().contextSwitches() - before;
        e.contextSwitches += switches;
        cpu.add(t0, switches);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void uncontendedTokenOneCpu(Tokens t, Events e) {
        long before = t.kernel.stats().tokenAcquisitions();
        t.kernel.runFor(SLICE);
        e.tokenAcquisitions += t.kernel.stats().tokenAcquisitions() - before;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int swapWith10kRunnable(Runnable10k r) {
        UserSchedulerFactory next = r.onFifo ? new DflyFactory() : new FifoFactory();
        r.onFifo = !r.onFifo;
        return r.kernel.swapScheduler(next).threadsMoved();
    }
}
