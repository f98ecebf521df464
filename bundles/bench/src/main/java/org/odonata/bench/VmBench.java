package org.odonata.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vm.VmSpace;
import org.odonata.api.vm.VmStats;
import org.odonata.experiments.memtrace.LackeyReader;
import org.odonata.experiments.memtrace.MemTrace;
import org.odonata.experiments.memtrace.PageRefs;
import org.odonata.experiments.workload.RunRecord;
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
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The VM's host-time costs: a trace replay with {@code lru} (the lackey parser included: each invocation reads and
 * parses the gzipped trace, then replays it in a fresh kernel under a 32-page RSS limit), reported as page
 * references per host second; and simulated zero-fill and copy-on-write faults per host second on the full fault
 * path (trap, {@code vm_fault}, page allocation, {@code pmap_enter}; the mmap/munmap and fork/exit around them
 * amortised over 1024 faults). Host ns per fault = 1e9 / the rate. {@code cpuMicros} and {@code work} give the same
 * rates per CPU second of the benchmark thread, which other load on the host inflates far less than wall time.
 * Run from the repository (it reads {@code experiments/specs/traces/awk.lackey.gz}).
 */
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
public class VmBench {

    /** Virtual time advanced per fault-benchmark invocation. */
    private static final long SLICE = 2_000_000L;
    private static final int PAGES = 1024;

    static Kernel boot(String policy) {
        MachineSpec spec = new MachineSpec("bench", Presets.topology("uniprocessor"), CostModel.defaults(),
                List.of(new DiskSpec("swap0", DiskKind.NVME, 1L << 30, 4096, null, false)), 1, EngineKind.CONTINUATION);
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(new VfsComponent(locks, List.of(new TmpfsType())), new VmComponent(locks))
                .boot(new MachineFactoryComponent().create(spec), new FifoFactory(), new LwktTokenFactory(),
                        policy.equals("lru") ? new Factories.Lru() : new Factories.Fifo());
    }

    /** Reported by JMH next to the invocation rate: references replayed, faults taken, per host second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counted {
        public long references;
        public long zeroFills;
        public long cowFaults;
    }

    /**
     * Totals per iteration (JMH sums events, it does not divide them by time): the benchmark thread's CPU time and
     * the work done in it, so rates per CPU second can be read even when other processes share the host's cores.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class CpuTime {
        public long cpuMicros;
        public long work;

        long start() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void add(long since, long done) {
            cpuMicros += (THREADS.getCurrentThreadCpuTime() - since) / 1000;
            work += done;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    @State(Scope.Thread)
    public static class Replay {
        Path trace;
        Kernel kernel;

        @Setup(Level.Trial)
        public void find() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isRegularFile(dir.resolve("experiments/specs/traces/awk.lackey.gz"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("run from the repository: experiments/specs/traces/awk.lackey.gz");
            }
            trace = dir.resolve("experiments/specs/traces/awk.lackey.gz");
        }

        @Setup(Level.Invocation)
        public void boot() {
            kernel = VmBench.boot("lru");
        }
    }

    @Benchmark
    public long replayLruWithParser(Replay r, Counted c, CpuTime cpu) {
        long t0 = cpu.start();
        PageRefs refs = LackeyReader.read(r.trace, 12);
        RunRecord run = MemTrace.replay(r.kernel, refs, 32);
        while (run.counters().get("done") == 0) {
            r.kernel.runFor(100_000_000L);
        }
        c.references += run.counters().get("references");
        cpu.add(t0, run.counters().get("references"));
        r.kernel.close();
        return run.counters().get("faults");
    }

    @State(Scope.Thread)
    public static class ZeroFill {
        Kernel kernel;

        @Setup(Level.Trial)
        public void boot() {
            kernel = VmBench.boot("fifo");
            kernel.spawn("zero-fill", sys -> {
                while (true) {
                    long a = sys.mmap(0, PAGES * 4096L, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                            VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                    for (int i = 0; i < PAGES; i++) {
                        sys.touch(a + i * 4096L, 8, true);
                    }
                    sys.munmap(a, PAGES * 4096L);
                }
            });
            kernel.runFor(SLICE);
        }
    }

    @Benchmark
    public long zeroFillFaults(ZeroFill z, Counted c, CpuTime cpu) {
        long n = advance(z.kernel, VmStats::zeroFills, cpu);
        c.zeroFills += n;
        return n;
    }

    /** Runs a slice; returns how much {@code counter} grew, recording the thread's CPU time for it. */
    private static long advance(Kernel kernel, ToLongFunction<VmStats> counter, CpuTime cpu) {
        long t0 = cpu.start();
        long before = counter.applyAsLong(kernel.vm().stats());
        kernel.runFor(SLICE);
        long n = counter.applyAsLong(kernel.vm().stats()) - before;
        cpu.add(t0, n);
        return n;
    }

    @State(Scope.Thread)
    public static class Cow {
        Kernel kernel;

        @Setup(Level.Trial)
        public void boot() {
            kernel = VmBench.boot("fifo");
            kernel.spawn("cow", sys -> {
                long a = sys.mmap(0, PAGES * 4096L, VmSpace.PROT_READ | VmSpace.PROT_WRITE,
                        VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE, -1, 0);
                sys.touch(a, PAGES * 4096L, true);
                while (true) {
                    sys.fork(child -> child.touch(a, PAGES * 4096L, true));
                    sys.waitpid();
                }
            });
            kernel.runFor(SLICE);
        }
    }

    @Benchmark
    public long cowFaults(Cow w, Counted c, CpuTime cpu) {
        long n = advance(w.kernel, VmStats::cowFaults, cpu);
        c.cowFaults += n;
        return n;
    }
}
