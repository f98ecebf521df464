package org.odonata.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;
import org.odonata.experiments.workload.Hackbench;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;
import org.odonata.vm.VmComponent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernel's host-time cost at scale (issue 9 §5): {@code hackbench groups=16 fds=20 loops=1000000} on the
 * reference kernel of {@code kern:boot --preset P} ({@code dfly}, {@code lwkt} tokens, the VM with {@code dfly}
 * pageout and a 1 GiB swap disk; tmpfs root instead of HAMMER, which pipes never touch), reported as simulated
 * context switches per host second ({@code contextSwitches}, from the kernel's own statistics). {@code cpuMicros}
 * and {@code work} (= switches) give the rate per CPU second of the benchmark thread, which other load on the shared
 * host inflates far less than wall time: switches per CPU second = work / cpuMicros × 1e6. With transparent huge
 * pages, as {@code ./odonata} runs where the host offers them (on a host without, the JVM warns and runs without).
 */
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ScaleBench {

    /** Virtual time advanced per benchmark invocation. */
    private static final long SLICE = 1_000_000L;

    static Kernel boot(String preset) {
        MachineSpec spec = new MachineSpec("bench", Presets.topology(preset), CostModel.defaults(),
                List.of(new DiskSpec("swap0", DiskKind.NVME, 1L << 30, 4096, null, false)), 1, EngineKind.CONTINUATION);
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())),
                new VmComponent(locks))
                .boot(new MachineFactoryComponent().create(spec), new DflyFactory(), new LwktTokenFactory(),
                        new org.odonata.pageout.dfly.DflyFactory());
    }

    @State(Scope.Thread)
    public static class Hackbench16x20 {
        @Param({"laptop-4c8t", "server-2s32c64t", "epyc-2s128c256t"})
        public String preset;

        Kernel kernel;

        @Setup(Level.Trial)
        public void boot() {
            kernel = ScaleBench.boot(preset);
            // the switch path, as issue 9 §5 measures it: pipes sleep at once; with kern.pipe.delay's 4 µs poll
            // (DragonFly's default) these runs switch 27 (epyc) to 97 (server) times less
            kernel.sysctl("kern.pipe.delay", 0);
            new Hackbench().start(kernel, List.of("groups=16", "fds=20", "loops=1000000"));
            // past the forks and the 200 µs start jitter: the steady exchange is measured
            kernel.runFor(SLICE);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void hackbench(Hackbench16x20 h, KernelBench.Events e, VmBench.CpuTime cpu) {
        KernelBench.runCountingSwitches(h.kernel, SLICE, e, cpu);
    }
}
