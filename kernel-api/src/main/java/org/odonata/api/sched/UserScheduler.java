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
     * Picks the next LWP for {@code cpu} and removes it from its queue; may pull from another CPU's queue
     * (helper-thread pull, rover). {@code null} when nothing should run there.
     */
    SchedThread pickNext(int cpu);

    /**
     * Whether the designated LWP {@code current} on {@code cpu} should give way to the best queued LWP now
     * (checked at user-reschedule points).
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
