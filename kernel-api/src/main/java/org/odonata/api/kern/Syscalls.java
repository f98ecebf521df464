package org.odonata.api.kern;

import java.util.random.RandomGenerator;

import org.odonata.api.sched.SchedClass;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The system calls a user program makes. Each call costs syscall entry and exit on the calling CPU plus the
 * work it does; blocking calls suspend the calling LWP. Errors are returned as negative errno values, as the
 * kernel returns them, except where noted.
 */
@ProviderType
public interface Syscalls {

    int getpid();

    /** The calling LWP's thread id. */
    long gettid();

    /** Creates a child process running {@code child}; returns the child's pid. */
    int fork(UserProgram child);

    /** Ends the process; never returns. */
    void exit(int status);

    /** Waits for a child to exit; returns its pid, or -ECHILD when there is none. */
    int waitpid();

    /** Sleeps for {@code nanos} of virtual time. */
    void nanosleep(long nanos);

    void schedYield();

    /** Creates a pipe; returns {read fd, write fd}. */
    int[] pipe();

    /** Blocks until at least one byte is available or the write side is closed (then returns 0). */
    int read(int fd, byte[] buf, int off, int len);

    /** Blocks until all bytes are written; returns -EPIPE when the read side is closed. */
    int write(int fd, byte[] buf, int off, int len);

    int close(int fd);

    /** Spends {@code cycles} of user-mode CPU time (a compute burst), preemptible. */
    void compute(long cycles);

    /** Virtual time in nanoseconds (clock_gettime(CLOCK_MONOTONIC)). */
    long now();

    /** Sets the calling process's nice value (-20..20). */
    int setNice(int nice);

    /**
     * Enters the kernel and runs {@code body} holding the named global or pool token (exclusive or shared),
     * as kernel code does with {@code lwkt_gettoken}; the body may call {@link #computeInKernel(long)} and
     * {@link #nanosleep(long)} (sleeping releases the token, which is reacquired before the thread resumes).
     */
    void withToken(String token, boolean shared, Runnable body);

    /** Spends {@code cycles} in the kernel (not preemptible by the user scheduler). */
    void computeInKernel(long cycles);

    /**
     * The calling process's own random stream, derived from the machine's seed and the stable name
     * {@code proc.<pid>}: the same seed replays the same values, another seed gives others, and no other
     * process's or subsystem's draws shift it. Shared by the process's LWPs. Costs nothing (a library call).
     */
    RandomGenerator random();

    /**
     * Sets the calling LWP's scheduling class ({@code lwp_rtprio(2)}): {@code level} is the rtprio priority,
     * 0 (best) to 31, which orders LWPs within {@link SchedClass#REALTIME} or {@link SchedClass#IDLE} and is
     * ignored for {@link SchedClass#NORMAL} (nice orders those). Children forked afterwards inherit it. As in DragonFly
     * ({@code lwp_rtprio}) the user scheduler applies it at its next priority recalculation: a schedclock tick while the
     * LWP runs, or an estcpu recalculation.
     *
     * @return 0, or -EINVAL for a level out of range
     */
    int setSchedClass(SchedClass cls, int level);
}
