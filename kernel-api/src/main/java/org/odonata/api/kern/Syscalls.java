package org.odonata.api.kern;

import java.util.random.RandomGenerator;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.vfs.VfsSyscalls;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The system calls a user program makes. Each call costs syscall entry and exit on the calling CPU plus the
 * work it does; blocking calls suspend the calling LWP. Errors are returned as negative errno values, as the
 * kernel returns them, except where noted. The file, pipe, mount and credential calls ({@link VfsSyscalls}) are
 * served by the kernel's VFS.
 */
@ProviderType
public interface Syscalls extends VfsSyscalls {

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

    /**
     * {@code execve(2)}: replaces the process's program with {@code program} once {@code path} names a regular file
     * the process may execute (a null path skips that check); descriptors marked close-on-exec are closed. Never
     * returns on success (the process exits when {@code program} returns); returns the error otherwise.
     */
    int execve(byte[] path, UserProgram program);

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
     * ignored for {@link SchedClass#NORMAL} (nice orders those). Children forked afterwards inherit it. As in DragonFly the
     * user scheduler applies it at its next priority recalculation (the next schedclock tick or enqueue).
     *
     * @return 0, or -EINVAL for a level out of range
     */
    int setSchedClass(SchedClass cls, int level);
}
