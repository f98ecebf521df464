package org.odonata.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.api.vm.VmSpace;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.pageout.classic.Factories;
import org.odonata.sched.fifo.FifoFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;
import org.odonata.vm.VmComponent;
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
 * The host-time cost of a vkernel guest's memory (issue 12 §4): simulated page accesses per host second by a process
 * writing its working set over and over, on a bare uniprocessor kernel, in a 1-vCPU guest whose host has room
 * (every guest access is also the host MMU's), and in a guest whose host has too little memory (host page-outs of
 * guest frames, host faults on the guest's next access, the host's swap device).
 */
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
public class VkernelMemoryBench {

    private static final long SLICE = 1_000_000L;
    private static final long MIB = 1L << 20;
    private static final long PAGE = 4096;

    /** Reported by JMH as simulated page accesses per host second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Accesses {
        public long pageAccesses;
    }

    static Kernel boot(MachineSpec spec, long memBytes) {
        Topology t = spec.topology();
        Topology sized = new Topology(t.name(), t.cpus(), List.of(new NumaNode(0, memBytes)));
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())),
                new VmComponent(locks)).boot(new MachineFactoryComponent().create(new MachineSpec(spec.name(), sized,
                        spec.costs(), spec.disks(), 1, EngineKind.CONTINUATION)), new FifoFactory(),
                        new LwktTokenFactory(), new Factories.Lru());
    }

    static MachineSpec uniprocessor(String name) {
        return new MachineSpec(name, Presets.topology("uniprocessor"), CostModel.defaults(),
                List.of(new DiskSpec("swap0", DiskKind.NVME, 1L << 30, 4096, null, false)), 1, EngineKind.CONTINUATION);
    }

    /** A kernel whose one process writes {@code pages} pages over and over; {@code touched[0]} counts them. */
    public abstract static class Toucher {
        Kernel kernel;
        final long[] touched = new long[1];

        void start(Kernel k, long pages) {
            kernel = k;
            k.spawn("toucher", sys -> {
                long a = sys.mmap(0, pages * PAGE, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                        VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                while (true) {
                    sys.touch(a, pages * PAGE, true);
                    touched[0] += pages;
                }
            });
            k.runFor(SLICE);
        }
    }

    @State(Scope.Thread)
    public static class Bare extends Toucher {
        @Setup(Level.Trial)
        public void boot() {
            start(VkernelMemoryBench.boot(uniprocessor("bench"), 256 * MIB), 1024);
        }
    }

    /** A guest of {@code guestMem} on a host of {@code hostMem}, its process writing {@code pages} pages. */
    static Kernel guest(long hostMem, long guestMem) {
        Kernel host = boot(uniprocessor("host"), hostMem);
        Topology t = Presets.topology("uniprocessor");
        Topology sized = new Topology(t.name(), t.cpus(), List.of(new NumaNode(0, guestMem)));
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(locks, new VfsComponent(locks, List.of(new TmpfsType())),
                new VmComponent(locks)).bootVkernel(host, new MachineFactoryComponent().create(new MachineSpec("guest",
                        sized, CostModel.defaults(), List.of(), 1, EngineKind.CONTINUATION), host.machine().engine()),
                        new FifoFactory(), new LwktTokenFactory(), new Factories.Lru());
    }

    @State(Scope.Thread)
    public static class RoomyGuest extends Toucher {
        @Setup(Level.Trial)
        public void boot() {
            start(guest(256 * MIB, 64 * MIB), 1024);
        }
    }

    @State(Scope.Thread)
    public static class PressedGuest extends Toucher {
        @Setup(Level.Trial)
        public void boot() {
            start(guest(16 * MIB, 32 * MIB), 6000);
        }
    }

    private static void slice(Toucher t, Accesses a) {
        long before = t.touched[0];
        t.kernel.runFor(SLICE);
        a.pageAccesses += t.touched[0] - before;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void touchBare(Bare b, Accesses a) {
        slice(b, a);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void touchInGuest(RoomyGuest g, Accesses a) {
        slice(g, a);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void touchInGuestUnderHostPressure(PressedGuest g, Accesses a) {
        slice(g, a);
    }
}
