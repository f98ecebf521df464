package org.odonata.api.vfs;

import java.util.random.RandomGenerator;

import org.odonata.api.bio.BlockIo;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.machine.Machine;
import org.odonata.api.sync.Sleeper;
import org.odonata.api.sync.SyncHost;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the kernel core offers the VFS and, through it, the filesystems: the machine, virtual time and the
 * virtual wall clock, the calling thread and CPU, cycles charged to that CPU, LWKT tokens (with the kernel's
 * semantics and its swappable token implementation), the {@link SyncHost} and {@link Sleeper} lockmgr locks are
 * built on, the kernel's threads and sleep queues ({@link #kthreads()}) and its block I/O path ({@link #blockIo()}).
 * Every method acts for the calling simulated thread ({@code curthread}); called on the host thread (outside a
 * simulation, e.g. while booting) the per-thread ones do nothing, as documented on each.
 */
@ProviderType
public interface VfsHost {

    Machine machine();

    /** Virtual nanoseconds since boot. */
    long now();

    /**
     * The virtual wall clock ({@code CLOCK_REALTIME}): nanoseconds since the Unix epoch, the machine's boot epoch
     * plus {@link #now()}. Inode times and HAMMER transaction ids come from it; it never reads the host clock.
     */
    long realtime();

    /** The CPU the calling thread runs on, or -1 on the host thread. */
    int curcpu();

    /** The calling thread's id (a lockmgr owner), or 0 on the host thread. */
    long curthread();

    /** Adds {@code cycles} of kernel work to the calling CPU (nothing on the host thread). */
    void charge(long cycles);

    /**
     * The kernel's threads, tsleep/wakeup and kernel CPU time, for code running in any thread of this kernel
     * ({@code lwkt_create}, {@code tsleep}, {@code wakeup}).
     */
    KernelThreads kthreads();

    /** The kernel's block I/O path over the machine's disks ({@code dev_dstrategy}, {@code biowait}). */
    BlockIo blockIo();

    /** A fresh tsleep/wakeup identity; the same as {@code kthreads().newIdent()}. */
    @Deprecated(since = "1.1")
    default long newIdent() {
        return kthreads().newIdent();
    }

    /** {@code kthreads().tsleep}: returns 0 when woken, EWOULDBLOCK (35) on timeout. */
    @Deprecated(since = "1.1")
    default int tsleep(long ident, String wmesg, long timeoutNanos) {
        return kthreads().tsleep(ident, wmesg, timeoutNanos);
    }

    /** {@code kthreads().wakeup}. */
    @Deprecated(since = "1.1")
    default void wakeup(long ident) {
        kthreads().wakeup(ident);
    }

    /** tsleep/wakeup on objects, for lockmgr locks ({@code LockFactory.newLockMgr}). */
    Sleeper sleeper();

    /** The machine and seeded stream lockmgr locks and spinlocks are built with ({@code LockFactory}). */
    SyncHost syncHost();

    /**
     * {@code lwkt_gettoken}: the global token of that name ({@code vnode}, {@code mp}, …) or the pool token the
     * name hashes to ({@code lwkt_token_pool_lookup}), exclusive or shared; returns owning it, having switched away
     * while it was contended. Pass the same String object each time: lookups by identity skip the hash.
     */
    void gettoken(String name, boolean shared);

    /** {@code lwkt_reltoken}: releases the most recently acquired token. */
    void reltoken();

    /** {@code kthreads().create}: a kernel thread running {@code body} on {@code cpu}. */
    @Deprecated(since = "1.1")
    default void kthread(String name, int cpu, Runnable body) {
        kthreads().create(name, cpu, body);
    }

    /** The machine's random stream of that stable name (derived from the machine's seed). */
    RandomGenerator random(String name);

    /**
     * A kernel tunable's current value, as {@code kern:sysctl} shows it (e.g. {@code kern.pipe.delay})
     *
     * @throws IllegalArgumentException for a name the kernel does not have
     */
    long sysctl(String name);
}
