package org.odonata.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vfs.RootFs;
import org.odonata.fs.hammer.vfs.HammerType;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.replay.ReplayOptions;
import org.odonata.replay.ReplayReport;
import org.odonata.replay.ReplayRun;
import org.odonata.replay.strace.StraceReader;
import org.odonata.replay.strace.Trace;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code fs:replay}'s host speed (issue 10 §5: host seconds per 10,000 replayed calls, goal ≤ 1 s): each invocation
 * boots a fresh kernel (4 CPUs, {@code dfly}, {@code lwkt} tokens) with a tmpfs root or a HAMMER root on a 1 GiB NVMe
 * disk, then plans and runs a recorded trace (parsed once per trial) to its end. {@code calls} is replayed calls per
 * host second, so host seconds per 10,000 calls = 10,000 / that rate; the boot is inside the measurement (a replay
 * always starts on a fresh kernel). {@code cpuMicros} and {@code work} (calls) give the rate per CPU second of the
 * benchmark thread, which other load on the host inflates far less. Run from the repository: the traces are
 * {@code bundles/replay}'s test data.
 */
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
public class ReplayBench {

    static final String TRACES = "bundles/replay/src/test/resources/traces";

    @State(Scope.Thread)
    public static class Replay {
        @Param({"git", "make-gcc", "sqlite", "pjd-rename"})
        public String trace;
        @Param({"tmpfs", "hammer"})
        public String fs;
        Trace parsed;
        Kernel kernel;

        @Setup(Level.Trial)
        public void read() throws IOException {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve(TRACES))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("run from the repository: " + TRACES);
            }
            Path plain = dir.resolve(TRACES).resolve(trace + ".strace");
            Path file = Files.isRegularFile(plain) ? plain : dir.resolve(TRACES).resolve(trace + ".strace.gz");
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                parsed = StraceReader.parse(file.getFileName().toString(), r);
            }
        }

        @Setup(Level.Invocation)
        public void boot() {
            List<DiskSpec> disks = fs.equals("hammer")
                    ? List.of(new DiskSpec("nvme0", DiskKind.NVME, 1L << 30, 4096, null, true)) : List.of();
            var machine = new MachineFactoryComponent().create(new MachineSpec("bench", Presets.topology("smp-4"),
                    CostModel.defaults(), disks, 7, EngineKind.CONTINUATION));
            var locks = new LockFactoryComponent();
            kernel = new KernelFactoryComponent(locks, new VfsComponent(locks,
                    List.of(new TmpfsType(), new HammerType(locks))))
                    .boot(machine, new DflyFactory(), new LwktTokenFactory(), new RootFs(fs, null));
        }
    }

    /** Reported next to the invocation rate: replayed calls per host second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counted {
        public long calls;
    }

    @Benchmark
    public long replay(Replay r, Counted c, VmBench.CpuTime cpu) {
        long t0 = cpu.start();
        ReplayRun run = ReplayRun.plan(r.kernel, r.parsed, ReplayOptions.of("/tmp/odonata-trace/" + r.trace,
                ReplayOptions.DEFAULT_INTO, ReplayOptions.DEFAULT_UMASK));
        run.start();
        while (!run.finished()) {
            r.kernel.runFor(10_000_000L);
        }
        ReplayReport report = run.report();
        if (!report.ok()) {
            throw new IllegalStateException(report.format(5));
        }
        c.calls += report.replayed();
        cpu.add(t0, report.replayed());
        r.kernel.close();
        return report.replayed();
    }
}
