package org.odonata.replay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.replay.strace.Trace;

/**
 * A trace replayed as simulated processes on a booted kernel ({@code fs:replay}): planned from the trace first (so a
 * malformed line stops it before anything runs), then started; the caller advances the kernel until
 * {@link #finished()} and reads the {@link #report()}.
 */
public final class ReplayRun {

    final Kernel kernel;
    final ReplayReport report;
    final Sequencer sequencer;
    final List<ProcessPlan> plans;
    private final ReplayOptions options;
    private final List<Integer> roots;
    private final int[] seqLines;
    private final long span;
    private long[] idents;
    private long startNanos;
    private boolean setUp;
    private boolean finished;

    private ReplayRun(Kernel kernel, Planner.Plan plan, ReplayOptions options) {
        this.kernel = kernel;
        this.options = options;
        this.plans = plan.plans();
        this.roots = plan.roots();
        this.seqLines = plan.seqLines();
        this.span = plan.spanNanos();
        this.report = plan.report();
        this.sequencer = new Sequencer(this, plan.owners(), plan.plans().size());
    }

    /**
     * Plans the replay of {@code trace} on {@code kernel}; nothing runs yet.
     *
     * @throws org.odonata.replay.strace.TraceFormatException for a call whose arguments are not what strace writes
     */
    public static ReplayRun plan(Kernel kernel, Trace trace, ReplayOptions options) {
        return new ReplayRun(kernel, new Planner(trace, options).plan(), options);
    }

    /**
     * Starts the replay: a process makes the directory {@code --into} (mode 0755, with its parents), enters it, sets
     * the umask and forks one replayed process per traced process the trace starts with. Call it where the kernel
     * may be driven (its owner thread, between events).
     */
    public void start() {
        idents = new long[plans.size()];
        for (int i = 0; i < idents.length; i++) {
            idents[i] = kernel.kthreads().newIdent();
        }
        startNanos = kernel.now();
        kernel.spawn("replay", this::setUp);
    }

    private void setUp(Syscalls sys) {
        byte[] into = options.into();
        sys.umask(0);
        int error = mkdirs(sys, into);
        if (error == 0) {
            error = sys.chdir(into);
        }
        if (error != 0) {
            report.stalled("cannot make and enter " + new String(into, StandardCharsets.UTF_8) + ": "
                    + Errno.ofResult(error));
        } else {
            sys.umask(options.umask());
            for (int r : roots) {
                sequencer.forking();
                int pid = sys.fork(new Executor(this, plans.get(r), new HashMap<>(), new HashMap<>(), sys.now()));
                if (pid < 0) {
                    sequencer.gone(kernel.kthreads());
                }
            }
        }
        setUp = true;
        checkFinished();
    }

    /** {@code mkdir -p}: each missing component with mode 0755 (the umask is 0 here). */
    private static int mkdirs(Syscalls sys, byte[] path) {
        for (int i = 1; i <= path.length; i++) {
            if (i == path.length || path[i] == '/' && path[i - 1] != '/') {
                byte[] prefix = Arrays.copyOf(path, i);
                int r = sys.mkdirat(Fcntl.AT_FDCWD, prefix, 0755);
                if (r < 0 && Errno.ofResult(r) != Errno.EEXIST) {
                    return r;
                }
            }
        }
        var st = sys.fstatat(Fcntl.AT_FDCWD, path, 0);
        return !st.ok() ? st.error() : st.value().isDirectory() ? 0 : Errno.ENOTDIR.negated();
    }

    void ended(Executor x) {
        sequencer.gone(kernel.kthreads());
        checkFinished();
    }

    private void checkFinished() {
        if (setUp && !finished && sequencer.live() == 0) {
            finished = true;
            report.finished(kernel.now() - startNanos);
        }
    }

    long ident(int planIndex) {
        return idents[planIndex];
    }

    int line(int seq) {
        return seq < seqLines.length ? seqLines[seq] : 0;
    }

    /** Whether every replayed process has ended (or the replay could not start). */
    public boolean finished() {
        return finished;
    }

    /** Virtual nanoseconds the trace spans (its timestamps), 0 without them: a bound for how long to wait. */
    public long traceSpanNanos() {
        return span;
    }

    public ReplayReport report() {
        return report;
    }
}
