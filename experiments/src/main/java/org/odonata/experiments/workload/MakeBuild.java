package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * A parallel build ({@code make -j jobs}): make keeps {@code jobs} compiler drivers running. Each driver
 * runs {@code gcc -pipe}: it forks {@code cc1}, which computes for an exponentially distributed time of
 * mean {@code compile} (drawn by make from its own seeded stream, in target order, so a target's burst does not
 * depend on which process ran first) and writes {@code output} bytes of assembly into a pipe, while the driver reads the
 * pipe to its end and then assembles for {@code assemble}. Make reaps drivers with waitpid and starts the
 * next target. Fork, exit, wait and pipe wake-ups dominate as in real builds.
 * <p>
 * With {@code files=true} the build works on files through the VFS ({@link SourceTree}, on the filesystem
 * {@code fs} names): make lays out the sources and headers first, stats each target's source and object before
 * starting it, cc1 opens and reads the source and every header before computing, and the driver writes the
 * object file after assembling.
 * <p>
 * Left out: with {@code files=false} files and the VFS (sources and objects are not read or written); the
 * dependency graph (targets are independent, no final link) and make's own jobserver pipe. {@code targets=0}
 * builds until the trial ends.
 */
@Component(service = Workload.class, property = "name=make")
public final class MakeBuild extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("jobs", 4, "parallel jobs (-j)"),
            Param.integer("targets", 0, "targets to build; 0: until the trial ends"),
            Param.duration("compile", "2ms", "mean CPU time of cc1 per target (exponential)"),
            Param.duration("assemble", "300us", "CPU time of the assembler per target"),
            Param.integer("output", 16384, "bytes cc1 writes into the pipe"),
            Param.bool("files", false, "read sources and headers and write objects as files"),
            Param.choice("fs", "root", "with files: the filesystem /build is on, the root or a fresh one mounted "
                    + "there", WorkDir.FILESYSTEMS),
            Param.string("device", "nvme0", "with files: the disk for fs=hammer"),
            Param.integer("sources", 64, "with files: source files (target t compiles source t mod sources)"),
            Param.integer("headers", 8, "with files: 4 KiB headers every source includes"),
            Param.integer("sourceBytes", 8192, "with files: bytes per source file"),
            Param.integer("objectBytes", 4096, "with files: bytes per object file"));

    @Override
    public String name() {
        return "make";
    }

    @Override
    public String description() {
        return "make -j N: compiler drivers forking cc1 with CPU bursts and pipe I/O (files=true: reading sources "
                + "and writing objects as files)";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        int jobs = p.count("jobs");
        long targets = p.integer("targets");
        double compileMean = cycles(kernel, p.nanos("compile"));
        long assemble = cycles(kernel, p.nanos("assemble"));
        int output = p.count("output");
        if (jobs < 1 || targets < 0) {
            throw new IllegalArgumentException("jobs must be at least 1, targets at least 0");
        }
        List<Metric> metrics = new java.util.ArrayList<>(List.of(
                Metric.count("targets", "targets", "targets built"),
                Metric.count("forks", "forks", "compiler processes forked")));
        if (p.bool("files")) {
            metrics.addAll(List.of(Metric.count("objects", "files", "object files written"),
                    Metric.bytes("bytes_read", "bytes read from sources and headers"),
                    Metric.bytes("bytes_written", "bytes written to files"),
                    Metric.count("errors", "errors", "file calls that failed")));
        }
        RunRecord run = new RunRecord(name(), "targets", metrics, "target");
        SourceTree tree = p.bool("files") ? new SourceTree(p.count("sources"), p.count("headers"),
                p.count("sourceBytes"), p.count("objectBytes"), run) : null;
        String fs = p.string("fs");
        String device = p.string("device");
        kernel.spawn("make", sys -> {
            if (tree != null && !tree.layOut(sys, fs, device)) {
                return;
            }
            long started = 0;
            long[] startTimes = new long[jobs];
            java.util.Map<Integer, Integer> slotOf = new java.util.HashMap<>();
            for (int slot = 0; slot < jobs && (targets == 0 || started < targets); slot++, started++) {
                startTimes[slot] = sys.now();
                slotOf.put(start(sys, tree, started, Variates.exponential(sys.random(), compileMean), assemble,
                        output, run), slot);
            }
            int pid;
            while ((pid = sys.waitpid()) > 0) {
                int slot = slotOf.remove(pid);
                run.record("target", sys.now() - startTimes[slot]);
                run.add("targets", 1);
                if (targets == 0 || started < targets) {
                    startTimes[slot] = sys.now();
                    slotOf.put(start(sys, tree, started, Variates.exponential(sys.random(), compileMean), assemble,
                            output, run), slot);
                    started++;
                }
            }
        });
        return run;
    }

    /** Starts target {@code target}: make's out-of-date check (with files) and the driver's fork; its pid. */
    private static int start(Syscalls sys, SourceTree tree, long target, long compile, long assemble, int output,
            RunRecord run) {
        if (tree != null) {
            tree.check(sys, target);
        }
        return fork(sys, driver(tree, target, compile, assemble, output, run));
    }

    private static UserProgram driver(SourceTree tree, long target, long compile, long assemble, int output,
            RunRecord run) {
        return (Syscalls sys) -> {
            int[] pipe = sys.pipe();
            fork(sys, cc1 -> {
                cc1.close(pipe[0]);
                if (tree != null) {
                    tree.readInputs(cc1, target);
                }
                cc1.compute(compile);
                byte[] chunk = new byte[4096];
                for (int left = output; left > 0; left -= chunk.length) {
                    cc1.write(pipe[1], chunk, 0, Math.min(left, chunk.length));
                }
                cc1.close(pipe[1]);
            });
            run.add("forks", 2);
            sys.close(pipe[1]);
            byte[] buf = new byte[4096];
            while (sys.read(pipe[0], buf, 0, buf.length) > 0) {
                // drain cc1's output to end of file, as the assembler does
            }
            sys.waitpid();
            sys.compute(assemble);
            if (tree != null) {
                tree.writeObject(sys, target);
            }
        };
    }
}
