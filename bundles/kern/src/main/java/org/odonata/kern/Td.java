package org.odonata.kern;

import org.odonata.api.engine.EventHandle;
import org.odonata.api.engine.SimThread;

/**
 * An LWKT thread ({@code struct thread}): owned by one CPU ({@link #gd}), run by one engine simulated thread.
 * Only the owning CPU touches its scheduling fields, as in DragonFly; every transition happens on the machine's
 * host thread, so nothing here needs synchronisation.
 */
final class Td {

    /** {@code td_toks_array} size. */
    static final int MAXTOKS = 32;

    /** The kernel it belongs to: a guest kernel's threads may run on the same engine. */
    final SimKernel kernel;
    final long tid;
    final String name;
    /** The LWP this thread runs, or null for a pure kernel thread. */
    final Lwp lwp;
    SimThread sim;

    /** {@code td_gd}: the owning CPU. */
    Globaldata gd;
    /** {@code td_pri}. */
    int pri;
    /** {@code td_upri}: user-scheduler tie-break. */
    int upri;
    /** {@code td_critcount}: new threads start inside a critical section. */
    int critcount = 1;

    /** {@code TDF_RUNQ}, with the intrusive run-queue links. */
    boolean onRunq;
    /** IPI messages in flight that will enqueue or adopt this thread on another CPU (it is on no run queue). */
    int inTransit;
    Td rqPrev;
    Td rqNext;

    /** Set by the thread that switches to this one; consumed when it resumes. */
    boolean go;

    /** {@code td_toks_array}/{@code td_toks_stop}. */
    final TokRef[] toks = new TokRef[MAXTOKS];
    int toksStop;
    /** {@code td_contended}: failed all-or-nothing reacquisitions since it last ran. */
    int contended;

    /** {@code td_wakefromcpu}: the CPU whose code last woke this thread (or its parent's, at fork), or -1. */
    int wakefromcpu = -1;

    /** The sleep ident ({@code td_wchan}), 0 when not sleeping. */
    long wchan;
    String wmesg = "";
    boolean sleeping;
    boolean timedOut;
    Systimers.Systimer sleepTimer;

    /** A preemptible compute burst in progress: its end event, and the flag its end or a kick sets. */
    EventHandle computeEnd;
    boolean inCompute;
    /** The burst runs in kernel mode: only an interrupt stops it early, never an AST. */
    boolean kernelCompute;
    boolean computeWake;
    final Runnable computeWaker;
    /** In a kernel busy-wait ({@code Lwkt.spinKernel}), and whether another thread has ended it. */
    boolean spinning;
    boolean spinEnded;

    /** {@code td_preemptable == lwkt_preempt}: an interrupt thread, which may preempt when it is scheduled. */
    boolean preemptable;
    /** {@code td_preempted}: the thread this one preempted, to which its next switch returns. */
    Td preempted;
    /** {@code TDF_PREEMPT_LOCK}: preempted, and held on its CPU until the preempting thread switches back. */
    boolean preemptLock;

    /**
     * {@code td_migrate_gd}: set by lwkt_setcpu_self (a push) or by a designation elsewhere while the thread is still
     * switching out (lwkt_acquire's pull), consumed by the switch away.
     */
    Globaldata migrateTo;
    /** The thread has exited; its simulated thread is ending. */
    boolean exited;
    /** Nesting of system calls: user code runs at depth 0. */
    int kernelDepth;
    /** statclock ticks charged while it was current (statclock is folded into hardclock). */
    long ticks;

    Td(SimKernel kernel, long tid, String name, Lwp lwp, Globaldata gd, int pri) {
        this.kernel = kernel;
        this.tid = tid;
        this.name = name;
        this.lwp = lwp;
        this.gd = gd;
        this.pri = pri;
        this.computeWaker = () -> {
            computeEnd = null;
            computeWake = true;
            sim.unpark();
        };
    }

    boolean isIdle() {
        return gd.idle == this;
    }

    @Override
    public String toString() {
        return "td" + tid + "(" + name + ")@cpu" + gd.cpu;
    }
}
