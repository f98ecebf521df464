package org.odonata.api.kern;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.odonata.api.bio.BlockIo;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.machine.Machine;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vm.Vm;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A DragonFly-style kernel booted on one simulated machine. Like the machine, it is confined to the host thread
 * that advances it: callers serialise their calls.
 */
@ProviderType
public interface Kernel extends AutoCloseable {

    Machine machine();

    /**
     * Creates a process with one LWP running {@code program}; returns its pid.
     *
     * @throws IllegalStateException when {@code kern.maxproc} processes exist (the message says so)
     */
    int spawn(String name, UserProgram program);

    /** Advances virtual time by {@code nanos}, running everything due. */
    void runFor(long nanos);

    long now();

    List<ThreadInfo> threads();

    KernelStats stats();

    /** Statistics per token that has been used, then per class ({@code global}, {@code pool}). */
    List<LockStats> lockStats();

    /**
     * Statistics of the user scheduler's spinlocks ({@link org.odonata.api.sched.SchedHost#spinlock}), one per lock
     * name, summed over the locks of that name; {@link LockStats#spinCycles()} counts the cycles acquisitions took
     * beyond an uncontended local one.
     */
    List<LockStats> schedLockStats();

    /** Where each CPU's time went since boot, indexed by CPU; see {@link CpuTimes}. */
    List<CpuTimes> cpuTimes();

    /**
     * Reports scheduling events to {@code sink} from now on, replacing any sink set before; {@code null} stops
     * tracing. Tracing observes only: the run, its statistics and its {@link #digest()} are the same with or
     * without a sink.
     */
    void setTraceSink(TraceSink sink);

    /** The name of the user scheduler in use. */
    String scheduler();

    /** The name of the token implementation in use. */
    String tokens();

    /** The kernel's VM, or {@code null} when it was booted without one. */
    default Vm vm() {
        return null;
    }

    /** Replaces the user scheduler at the next safe point (now, between events). */
    SwapReport swapScheduler(UserSchedulerFactory factory);

    /** Replaces the token implementation at the next safe point (now, between events). */
    SwapReport swapTokens(TokenAlgorithmFactory factory);

    /**
     * Takes {@code cpu} away from user LWPs, or gives it back, at the next safe point (now, between events).
     * DragonFly has no CPU hot-unplug; this is its {@code kern.usched_global_cpumask}, the CPUs the user scheduler
     * may use: an offline CPU designates no LWP, the LWPs queued for it are placed on online CPUs, and its
     * designated LWP moves to one at its next return to user mode, while the kernel threads bound to it keep
     * running. A CPU coming back online asks for a user reschedule there, and the scheduler's balancing brings work
     * back. Setting a CPU to the state it is in changes nothing.
     *
     * @throws IllegalArgumentException if the machine has no CPU {@code cpu} (the message names its range)
     * @throws IllegalStateException    if {@code cpu} is the last online CPU and {@code online} is false
     */
    void setCpuOnline(int cpu, boolean online);

    /**
     * Whether user LWPs may run on {@code cpu} ({@link #setCpuOnline}); every CPU is online at boot.
     *
     * @throws IllegalArgumentException if the machine has no CPU {@code cpu}
     */
    boolean cpuOnline(int cpu);

    /**
     * Installs the implementations the kernel falls back to when the active scheduler or token implementation
     * throws or makes an impossible decision (an offline CPU, an LWP it was not given), or when the watchdog finds
     * it at fault (a runnable LWP left queued longer than the sysctl {@code watchdog.timeout_ns}, 30 virtual seconds
     * by default, while the scheduler kept choosing others; tokens that let two holders in or refuse a free token
     * to a waiter for that long): the faulty one is ejected at once, exactly as by a swap, and a fault is
     * recorded ({@link #faultReports()}). {@code null} means no fallback: the failure then propagates out of
     * {@link #runFor(long)}.
     */
    void setFallback(UserSchedulerFactory scheduler, TokenAlgorithmFactory tokens);

    /** Every tunable with its current value, in name order ({@code sysctl -a}). */
    List<Sysctl> sysctls();

    /**
     * Sets a tunable at the next safe point (now, between events); returns the value it had.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or a value out of
     *                                  the tunable's range (the message gives the range)
     */
    long sysctl(String name, long value);

    /** Dump lines of what went wrong so far (ejections, inconsistent exports, crashed threads), oldest first. */
    List<String> faults();

    /** What went wrong so far, in full (reason, stack trace, dump), oldest first; {@link #faults()} in one line each. */
    List<Fault> faultReports();

    /**
     * Calls {@code listener} with each fault as it is recorded, on the thread that advances the kernel (it must not
     * call back into the kernel), replacing any listener set before; {@code null} stops it. Observes only.
     */
    void setFaultListener(Consumer<Fault> listener);

    /** A hex digest over virtual time, kernel statistics and the machine's digest. */
    String digest();

    /** The mounted filesystems, the root first ({@code getfsstat}). */
    List<FsStat> mounts();

    /** The VFS's counters (namecache hits and misses, vnodes, files opened, bytes moved), in a stable order. */
    Map<String, Long> vfsStats();

    /** The block I/O path of this kernel ({@code dev_dstrategy}, {@code biodone}, {@code biowait}). */
    BlockIo blockIo();

    /** Kernel threads and the kernel primitives kernel code calls (tsleep, wakeup, tokens, kernel CPU time). */
    KernelThreads kthreads();

    /**
     * Counters that {@link KernelStats} does not carry, by DragonFly-style dotted name, in name order: for example
     * {@code lwkt.preempt_hit} and {@code lwkt.preempt_miss} (preemptions by interrupt threads made and refused),
     * {@code intr.N.count} (interrupts taken on irq N), {@code bio.issued} and {@code bio.completed}.
     */
    Map<String, Long> counters();

    /** Live processes (not yet reaped). */
    int processes();

    /**
     * {@code kill(2)} from outside every process: posts {@code signal} to process {@code pid}, whose LWPs die of it at
     * their next return from the kernel (simplification: a sleep is not interrupted, except a vkernel's vCPU LWPs,
     * which are woken and leave their guest to take it).
     *
     * @return whether a live process {@code pid} exists
     */
    default boolean kill(int pid, int signal) {
        return false;
    }

    /** For a guest kernel ({@link KernelFactory#bootVkernel}): its host process and state; null on a bare machine. */
    default Vkernel vkernel() {
        return null;
    }

    @Override
    void close();
}
