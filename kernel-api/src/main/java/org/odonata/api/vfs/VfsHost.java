package org.odonata.api.vfs;

import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.sync.Sleeper;
import org.odonata.api.sync.SyncHost;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the kernel core offers the VFS and, through it, the filesystems: the machine, virtual time and the
 * virtual wall clock, the calling thread and CPU, cycles charged to that CPU, LWKT tokens (with the kernel's
 * semantics and its swappable token implementation), tsleep/wakeup, the {@link SyncHost} and {@link Sleeper}
 * lockmgr locks are built on, and kernel threads. Every method acts for the calling simulated thread
 * ({@code curthread}); called on the host thread (outside a simulation, e.g. while booting) the per-thread ones do
 * nothing, as documented on each.
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

    /** A fresh tsleep/wakeup identity. */
    long newIdent();

    /**
     * {@code tsleep}: the calling thread sleeps on {@code ident} until a wakeup on it or {@code timeoutNanos}
     * (0: none); returns 0 when woken, {@link Errno#EAGAIN}'s code (EWOULDBLOCK) on timeout. Tokens held are
     * released while it sleeps and reacquired before it returns. Callers recheck their condition.
     */
    int tsleep(long ident, String wmesg, long timeoutNanos);

    /** Wakes every thread sleeping on {@code ident}. */
    void wakeup(long ident);

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

    /**
     * {@code kthread_create}: starts a kernel thread (no process, {@code TDPRI_KERN_DAEMON}) running {@code body}
     * on CPU {@code cpu}; it may tsleep, take tokens and do block I/O. It ends when {@code body} returns.
     */
    void kthread(String name, int cpu, Runnable body);

    /** The machine's random stream of that stable name (derived from the machine's seed). */
    RandomGenerator random(String name);
}
