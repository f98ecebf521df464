package org.odonata.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.kern.workload.Workloads;
import org.odonata.sched.fifo.FifoFactory;
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
 * The host-time overhead of a vkernel guest (issue 12 §5): pingpong round trips per host second on a bare
 * uniprocessor kernel, and the same pingpong in a 1-vCPU guest of a uniprocessor host. The ratio is what carrying
 * a kernel in a host process costs the simulator per simulated round trip.
 */
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
public class VkernelBench {

    /** Virtual time advanced per benchmark invocation. */
    private static final long SLICE = 1_000_000L;

    /** Reported by JMH as round trips per host second, next to the invocation rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class RoundTrips {
        public long roundTrips;
    }

    @State(Scope.Thread)
    public static class Bare {
        Kernel kernel;
        WorkloadRun run;

        @Setup(Level.Trial)
        public void boot() {
            kernel = KernelBench.boot("uniprocessor", new FifoFactory());
            run = Workloads.start(kernel, "pingpong", List.of());
            kernel.runFor(SLICE);
        }
    }

    @State(Scope.Thread)
    public static class Guest {
        Kernel guest;
        WorkloadRun run;

        @Setup(Level.Trial)
        public void boot() {
            Kernel host = KernelBench.boot("uniprocessor", new FifoFactory());
            Machine m = new MachineFactoryComponent().create(new MachineSpec("guest", Presets.topology("uniprocessor"),
                    CostModel.defaults(), List.of(), 1, EngineKind.CONTINUATION), host.machine().engine());
            LockFactoryComponent locks = new LockFactoryComponent();
            guest = new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())))
                    .bootVkernel(host, m, new FifoFactory(), new LwktTokenFactory(), null);
            run = Workloads.start(guest, "pingpong", List.of());
            guest.runFor(SLICE);
        }
    }

    /** Advances {@code kernel} by a slice and counts the round trips {@code run} made in it. */
    private static void slice(Kernel kernel, WorkloadRun run, RoundTrips r) {
        long before = run.counters().get("round_trips");
        kernel.runFor(SLICE);
        r.roundTrips += run.counters().get("round_trips") - before;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void pingpongBare(Bare b, RoundTrips r) {
        slice(b.kernel, b.run, r);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void pingpongInGuest(Guest g, RoundTrips r) {
        slice(g.guest, g.run, r);
    }
}
