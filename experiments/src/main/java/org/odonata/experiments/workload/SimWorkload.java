package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.kern.Workload;

/**
 * A workload written as plain Java user programs over the system-call layer, with declared parameters
 * ({@code key=value} words on {@code kern:run}, a {@code parameters:} map in specs). Its randomness comes
 * only from seeded streams: each simulated process draws from its own {@code Syscalls.random()} (so the same
 * process gets the same values under every variant), and what happens outside any process (openqueue's
 * arrivals) from the machine's stream {@code workload.<name>} given to {@code launch}.
 */
public abstract class SimWorkload implements Workload {

    /** What the workload models and what it leaves out, for documentation and {@code exp:workloads}. */
    public abstract String description();

    public abstract List<Param> parameters();

    /**
     * Spawns the processes; they run as the kernel advances virtual time.
     *
     * @param random the machine's stream {@code workload.<name>}, for draws made outside any process
     */
    protected abstract MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random);

    /** Whether it needs a kernel with a VM (memory system calls); the runner then boots one. */
    public boolean needsVm() {
        return false;
    }

    /**
     * Whether it runs on two machines: the runner then boots a peer machine like the trial's, with the same variant,
     * on the same engine, and starts it with {@link #start(Kernel, Kernel, List)}.
     */
    public boolean needsPeer() {
        return false;
    }

    /** Spawns a two-machine workload's processes on {@code kernel} and {@code peer}, which share one engine. */
    public final MeasuredRun start(Kernel kernel, Kernel peer, List<String> args) {
        return launch(kernel, peer, parse(args), kernel.machine().engine().random().stream("workload." + name()));
    }

    /** As {@link #launch(Kernel, Params, RandomGenerator)}, for a workload that {@link #needsPeer()}. */
    protected MeasuredRun launch(Kernel kernel, Kernel peer, Params params, RandomGenerator random) {
        throw new IllegalArgumentException(name() + " runs on one machine");
    }

    /** Positional words before the {@code key=value} words (rt-app's file). */
    protected int leadingArgs() {
        return 0;
    }

    @Override
    public String usage() {
        return Params.usage(name(), parameters());
    }

    @Override
    public final MeasuredRun start(Kernel kernel, List<String> args) {
        return launch(kernel, parse(args), kernel.machine().engine().random().stream("workload." + name()), args);
    }

    private Params parse(List<String> args) {
        try {
            return Params.parse(parameters(), args, leadingArgs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; usage: " + usage(), e);
        }
    }

    /** As {@link #launch(Kernel, Params, RandomGenerator)}, for workloads that read their positional words. */
    protected MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random, List<String> args) {
        return launch(kernel, params, random);
    }

    /**
     * Forks {@code child}. When the kernel refuses (EAGAIN: {@code kern.maxproc} processes exist) the calling
     * program fails with a message that says so, as a real program's {@code fork() failed} does, instead of
     * going on with processes missing.
     */
    public static int fork(Syscalls sys, UserProgram child) {
        int pid = sys.fork(child);
        if (pid < 0) {
            throw new IllegalStateException("fork failed: " + (pid == -35 ? "EAGAIN, the process table is full "
                    + "(kern.maxproc); raise it with kern:sysctl kern.maxproc N or machine.sysctl, or run fewer "
                    + "processes" : "errno " + -pid));
        }
        return pid;
    }

    /** Cycles of CPU work that take {@code nanos} at the machine's clock. */
    protected static long cycles(Kernel kernel, long nanos) {
        return kernel.machine().costs().cycles(nanos);
    }
}
