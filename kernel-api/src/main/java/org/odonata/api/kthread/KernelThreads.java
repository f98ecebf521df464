package org.odonata.api.kthread;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Kernel threads of one kernel ({@code lwkt_create}, {@code sys/kern/lwkt_thread.c}) and the kernel primitives code
 * running in any thread of that kernel uses: a kernel thread, an LWP inside a system call, or an interrupt thread
 * running a {@link org.odonata.api.bio.BioDone}. Every method but {@link #create} and {@link #newIdent} acts for the
 * calling simulated thread (DragonFly's {@code curthread}) and throws {@link IllegalStateException} when called from
 * anything else.
 */
@ProviderType
public interface KernelThreads {

    /** {@code tsleep}'s result when the timeout expired first. */
    int EWOULDBLOCK = 35;

    /**
     * {@code lwkt_create}: a kernel thread owned by {@code cpu}, at {@code TDPRI_KERN_DAEMON}, that runs {@code body}
     * and exits when it returns; scheduled at once. May be called from outside the simulation (set-up).
     *
     * @return the thread's id, as {@code kern:ps} shows it
     * @throws IllegalArgumentException for a CPU the machine does not have
     */
    long create(String name, int cpu, Runnable body);

    /** A fresh sleep ident: what tsleep and wakeup agree on (DragonFly uses an address). */
    long newIdent();

    /**
     * {@code tsleep}: sleeps until a wakeup on {@code ident}, or for at most {@code timeoutNanos} of virtual time
     * (0: no limit); returns 0, or {@link #EWOULDBLOCK} on timeout. Wakeups may be spurious: recheck the condition.
     * Tokens the thread holds are released while it sleeps and reacquired before it returns.
     *
     * @throws IllegalStateException also from an interrupt thread, which must not sleep
     */
    int tsleep(long ident, String wmesg, long timeoutNanos);

    /** {@code wakeup}: makes every thread sleeping on {@code ident}, on any CPU, runnable. */
    void wakeup(long ident);

    /**
     * {@code wakeup_one}: wakes the first sleeper on {@code ident} on the calling CPU; if there is none, each CPU
     * that may hold a sleeper on it wakes its first one, as DragonFly's {@code PWAKEUP_ONE} does.
     */
    void wakeupOne(long ident);

    /** Spends {@code cycles} of kernel CPU time; an interrupt thread may preempt it. */
    void compute(long cycles);

    /**
     * A busy-wait in the kernel (DragonFly's poll on {@code tsc_test_target} with {@code cpu_pause}, as
     * {@code pipe_read}'s {@code kern.pipe.delay} poll): the thread keeps its CPU for at most {@code timeoutNanos} of
     * virtual time, less if another thread calls {@link #endSpin} for it first; an interrupt thread may preempt it.
     */
    void spin(long timeoutNanos);

    /** Ends the busy-wait of thread {@code tid} (a {@link #curthread()} id) now, if it is in one; else nothing. */
    void endSpin(long tid);

    /**
     * Runs {@code body} holding the named global or pool token ({@code lwkt_gettoken}/{@code lwkt_reltoken}),
     * exclusively or shared; a contended token makes the thread switch away until it gets it.
     */
    void withToken(String token, boolean shared, Runnable body);

    /** {@code lwkt_yield}: switches to another runnable thread of this CPU if an LWKT reschedule is wanted. */
    void yield();

    /** The CPU the calling thread runs on. */
    int mycpu();

    /** The calling thread's id. */
    long curthread();
}
