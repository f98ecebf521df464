package org.odonata.api.kern;

import java.util.random.RandomGenerator;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.vfs.VfsSyscalls;
import org.odonata.api.vm.AccessFuture;
import org.odonata.api.vm.VmSpace;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The system calls a user program makes. Each call costs syscall entry and exit on the calling CPU plus the
 * work it does; blocking calls suspend the calling LWP. Errors are returned as negative errno values, as the
 * kernel returns them, except where noted. The file, pipe, mount and credential calls ({@link VfsSyscalls}) are
 * served by the kernel's VFS.
 * <p>
 * Memory: a process starts with an empty address space; the calls below map, protect and touch memory through
 * the kernel's VM ({@link VmSpace} has the {@code PROT_*}, {@code MAP_*} and {@code MADV_*} constants). On a
 * kernel booted without a VM they return -ENOSYS, and every access is outside every mapping.
 */
@ProviderType
public interface Syscalls extends VfsSyscalls {

    int getpid();

    /** The calling LWP's thread id. */
    long gettid();

    /**
     * Creates a child process running {@code child}; returns the child's pid, or -EAGAIN (-35) when
     * {@code kern.maxproc} processes exist, as DragonFly's fork1 does.
     */
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
     * ignored for {@link SchedClass#NORMAL} (nice orders those). Children forked afterwards inherit it. As in DragonFly
     * ({@code lwp_rtprio}) the user scheduler applies it at its next priority recalculation: a schedclock tick while the
     * LWP runs, or an estcpu recalculation.
     *
     * @return 0, or -EINVAL for a level out of range
     */
    int setSchedClass(SchedClass cls, int level);

    /**
     * {@code mmap(2)}: anonymous memory ({@code MAP_ANON}, {@code fd} -1) or the file open on {@code fd} from byte
     * {@code offset} (a multiple of 4096), with {@code MAP_PRIVATE} (copy-on-write) or {@code MAP_SHARED} (the file's
     * own pages, coherent with {@code read}/{@code write}), optionally {@code MAP_FIXED}. Returns the address, or
     * -EINVAL, -ENOMEM ({@code RLIMIT_AS}, no room), -EBADF, -ENODEV (not a regular file), -EACCES (the open mode
     * does not allow {@code prot}). An access to a page of a file mapping wholly past the end of the file is a
     * SIGBUS.
     */
    long mmap(long addr, long len, int prot, int flags, int fd, long offset);

    /**
     * {@code msync(2)}: writes the dirty pages of the shared file mappings in the range back to their files
     * ({@link VmSpace#MS_ASYNC}: started; {@link VmSpace#MS_SYNC}: on stable storage when it returns;
     * {@link VmSpace#MS_INVALIDATE}: the range's mappings are also dropped). Returns 0 or -EINVAL, -ENOMEM.
     */
    int msync(long addr, long len, int flags);

    /**
     * User-mode loads of {@code len} bytes at {@code addr} into {@code dst[off..]}: as {@link #touch} (costs, faults,
     * SIGSEGV and SIGBUS), and the bytes the memory holds.
     *
     * @return the number of page faults taken
     */
    int load(long addr, byte[] dst, int off, int len);

    /** User-mode stores of {@code src[off..off+len)} at {@code addr}: as {@link #load}, the other way. */
    int store(long addr, byte[] src, int off, int len);

    int munmap(long addr, long len);

    int mprotect(long addr, long len, int prot);

    int madvise(long addr, long len, int advice);

    /** Sets the end of the data segment ({@code 0} asks for it); returns the new break or a negative errno. */
    long brk(long addr);

    /** One {@code MINCORE_*} byte per page of the range into {@code vec}; returns 0 or a negative errno. */
    int mincore(long addr, long len, byte[] vec);

    /**
     * User-mode loads ({@code write} false) or stores of every page of {@code [addr, addr+len)}, charging the TLB,
     * the page walks and the page faults they take (a fault enters the kernel and may block). Preemptible like
     * {@link #compute(long)}. An access outside every mapping or against its protection kills the process with
     * SIGSEGV (the kernel's fault log says where), as a real one would: the call then never returns.
     *
     * @return the number of page faults taken
     */
    int touch(long addr, long len, boolean write);

    /** {@code setrlimit(2)} for {@link VmSpace#RLIMIT_RSS} and {@link VmSpace#RLIMIT_AS} (bytes); 0 or -EINVAL. */
    int setrlimit(int resource, long max);

    /**
     * For trace replays only: declares the process's future references, which Belady's {@code opt} pageout policy
     * needs. A real kernel has no such call; it costs nothing.
     */
    void declareFuture(AccessFuture future);
}
