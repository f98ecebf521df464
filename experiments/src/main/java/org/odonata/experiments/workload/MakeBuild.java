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
 * Left out: files and the VFS (sources and objects are not read or written), the dependency graph (targets
 * are independent, no final link) and make's own jobserver pipe. {@code targets=0} builds until the trial ends.
 */
@Component(service = Workload.class, property = "name=make")
public final class MakeBuild extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("jobs", 4, "parallel jobs (-j)"),
            Param.integer("targets", 0, "targets to build; 0: until the trial ends"),
            Param.duration("compile", "2ms", "mean CPU time of cc1 per target (exponential)"),
            Param.duration("assemble", "300us", "CPU time of the assembler per target"),
            Param.integer("output", 16384, "bytes cc1 writes into the pipe"));

    @Override
    public String name() {
        return "make";
    }

    @Override
    public String description() {
        return "make -j N: compiler drivers forking cc1 with CPU bursts and pipe I/O";
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
        RunRecord run = new RunRecord(name(), "targets", List.of(
                Metric.count("targets", "targets", "targets built"),
                Metric.count("forks", "forks", "compiler processes forked")), "target");
        kernel.spawn("make", sys -> {
            long started = 0;
            long[] startTimes = new long[jobs];
            java.util.Map<Integer, Integer> slotOf = new java.util.HashMap<>();
            for (int slot = 0; slot < jobs && (targets == 0 || started < targets); slot++, started++) {
                startTimes[slot] = sys.now();
                slotOf.put(fork(sys, driver(Variates.exponential(sys.random(), compileMean), assemble, output, run)),
                        slot);
            }
            int pid;
            while ((pid = sys.waitpid()) > 0) {
                int slot = slotOf.remove(pid);
                run.record("target", sys.now() - startTimes[slot]);
                run.add("targets", 1);
                if (targets == 0 || started < targets) {
                    started++;
                    startTimes[slot] = sys.now();
                    slotOf.put(fork(sys, driver(Variates.exponential(sys.random(), compileMean), assemble, output,
                            run)), slot);
                }
            }
        });
        return run;
    }

    private static UserProgram driver(long compile, long assemble, int output, RunRecord run) {
        return (Syscalls sys) -> {
            int[] pipe = sys.pipe();
            fork(sys, cc1 -> {
                cc1.close(pipe[0]);
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
        };
    }
}
