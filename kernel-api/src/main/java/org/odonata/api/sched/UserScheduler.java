package org.odonata.api.sched;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A user scheduler: the policy that decides which runnable LWP each CPU runs in user mode (DragonFly's
 * {@code struct usched}: setrunqueue, acquire/release/select_curproc, schedulerclock, heuristic_forking/
 * exiting, yield). One instance serves one machine. The core calls it from the machine's host thread only.
 * <p>
 * Contract: every LWP the core passes to {@link #enqueue} is queued exactly once until the scheduler returns it
 * from {@link #pickNext}, {@link #dequeue} removes it, or {@link #exportRunnable} hands it over. The designated
 * (running) LWP of a CPU is never on a queue.
 * <p>
 * The order of calls: a waking or new LWP gets {@link #selectCpu} then {@link #enqueue}{@code (t, cpu, true)}; a
 * CPU whose designated LWP blocks or exits gets {@link #pickNext}; a reschedule request ({@link
 * SchedHost#needResched}) on a CPU with a designated LWP asks {@link #shouldYieldTo}, and on yes the core calls
 * {@link #enqueue}{@code (current, cpu, false)} and then {@link #pickNext} there, which may return the same LWP;
 * on a CPU without one it calls {@link #pickNext}. {@code sched_yield} is {@link #yielded}, {@link #enqueue}
 * {@code (t, cpu, false)}, {@link #pickNext}. A live swap is {@link #exportRunnable} on the old instance,
 * {@link #init} and {@link #importRunnable} on the new one.
 * <p>
 * The methods with a default body have a sensible default for a simple policy; {@code
 * org.odonata.api.sched.kit.DsqScheduler} implements the rest over dispatch queues.
 */
@ConsumerType
public interface UserScheduler {

    /** Called once before any other method. */
    void init(SchedHost host);

    /**
     * Chooses the CPU a waking (or new) LWP should be queued on ({@code dfly_choose_best_queue}).
     *
     * @param wakerCpu the CPU doing the wakeup, or -1
     */
    int selectCpu(SchedThread t, int wakerCpu);

    /**
     * Queues a runnable LWP on {@code cpu}'s queue (or a global one) and, if it should preempt the LWP running
     * there, calls {@link SchedHost#needResched(int)} ({@code dfly_setrunqueue_dd}).
     *
     * @param wakeup true when the LWP just woke or was created, false when it was preempted or yielded
     */
    void enqueue(SchedThread t, int cpu, boolean wakeup);

    /** Removes a queued LWP (it exits, or is being moved); returns whether it was queued. */
    boolean dequeue(SchedThread t);

    /**
     * {@code select_curproc}: picks the next LWP for {@code cpu}, which has just given up its designated LWP, and
     * removes it from its queue; {@code null} when nothing should run there. Pulls from other CPUs belong to
     * {@link #helperPick}.
     */
    SchedThread pickNext(int cpu);

    /**
     * A user reschedule reached the designated LWP {@code current} on {@code cpu} ({@code acquire_curproc}'s
     * {@code force_resched}): whether it gives up the designation. DragonFly releases it, {@code select_curproc} hands
     * the CPU to the best queued LWP, and {@code current} keeps the CPU only if it then steals it back; so when this
     * returns true the core first designates {@link #pickNext(int)} and then queues {@code current} with
     * {@link #enqueue} ({@code wakeup} false).
     */
    boolean shouldYieldTo(int cpu, SchedThread current);

    /**
     * The scheduler clock ({@code schedclock}, 50 Hz per CPU), charged as DragonFly charges it: {@code running} is
     * the LWP whose thread is current on {@code cpu}, in user or kernel mode alike (not necessarily the designated
     * one), or the designated LWP when the CPU spins in its idle thread because that LWP's tokens are contended;
     * {@code null} when the CPU runs no LWP. Requests reschedules through the host. By default nothing: a policy
     * without time slices preempts only from {@link #enqueue}.
     */
    default void tick(int cpu, SchedThread running) {
    }

    /** The LWP gave up its CPU voluntarily (sched_yield); by default nothing (the core re-enqueues it). */
    default void yielded(SchedThread t) {
    }

    /** A child LWP was forked from {@code parent} (estcpu inheritance); by default nothing is inherited. */
    default void forked(SchedThread parent, SchedThread child) {
    }

    /** The LWP exits; it is not queued. By default nothing. */
    default void exited(SchedThread t) {
    }

    /** Number of LWPs queued now (conservation checks). */
    int queued();

    /**
     * {@code acquire_curproc} begins for {@code t}, returning to user mode on {@code cpu}: where DragonFly's
     * schedulers recalculate estcpu ({@code dfly_recalculate_estcpu}, {@code bsd4_recalculate_estcpu}). Default:
     * nothing.
     */
    default void acquiring(int cpu, SchedThread t) {
    }

    /**
     * {@code acquire_curproc}'s steal: whether {@code t}, returning to user mode on {@code cpu} while {@code current}
     * holds the CPU's designation without running (the CPU runs {@code t}'s kernel thread), takes the designation at
     * once; {@code current} requeues itself when it next returns to user mode. dfly steals when better by more than
     * {@code fast_resched} at queue granularity, bsd4 when strictly better. Default: never.
     */
    default boolean stealDesignation(int cpu, SchedThread current, SchedThread t) {
        return false;
    }

    /**
     * The CPU's helper thread runs ({@code dfly_helper_thread}: an LWKT thread at {@code TDPRI_USER_SCHEDULER},
     * woken by a user reschedule request while {@code cpu} has no designated LWP, and polling once per {@code hz}
     * tick; it runs only when nothing else on the CPU is runnable). Returns the LWP to designate, removed from its
     * queue (possibly pulled from another CPU's), or {@code null}. Default: {@link #pickNext(int)}.
     */
    default SchedThread helperPick(int cpu) {
        return pickNext(cpu);
    }

    /**
     * How often each CPU's helper thread wakes by itself to look for work, in {@code hz} ticks (10 ms); 0: only
     * when a user reschedule request wakes it. dfly polls every tick ({@code usched_dfly_poll_ticks}), bsd4 never.
     * Default: 0.
     */
    default int helperPollTicks() {
        return 0;
    }

    /**
     * {@code uload_update}: {@code t}'s long-term presence changed: with {@code runnable} it woke after sleeping
     * through a {@code schedcpu} pass ({@link SchedThread#slptime()} &gt; 0); without, a {@code schedcpu} pass found it
     * asleep for the first time (slptime just became 1). dfly keeps a sleeping LWP's load on its CPU until then.
     * Default: nothing.
     */
    default void uloadUpdate(SchedThread t, boolean runnable) {
    }

    /**
     * Hands over every queued LWP, removing them, in the order the scheduler would have run them; used for a
     * live swap. The scheduler is discarded afterwards.
     */
    List<SchedThread> exportRunnable();

    /**
     * Takes over LWPs exported by another scheduler, queueing each (their CPU is a hint, and may be offline). Their
     * {@link SchedThread#schedData()} belongs to the old scheduler. By default each is placed as a wakeup would
     * place it: {@link #selectCpu}{@code (t, -1)}, then {@link #enqueue}{@code (t, cpu, true)}.
     */
    default void importRunnable(List<SchedThread> threads) {
        for (SchedThread t : threads) {
            enqueue(t, selectCpu(t, -1), true);
        }
    }
}
