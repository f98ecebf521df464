package org.odonata.replay;

import org.odonata.api.kthread.KernelThreads;

/**
 * The trace's global order of calls on the simulated kernel: a replayed process sleeps ({@code tsleep}) until the
 * call before its own has completed, and the process completing a call wakes the owner of the next. When every live
 * process sleeps and the owner of the next call is not among them (it died or was never forked), the replay has
 * stalled: all are woken to end.
 */
final class Sequencer {

    /** Thrown in a process of a stalled replay so that it ends. */
    static final class Stalled extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Stalled() {
            super(null, null, false, false);
        }
    }

    private final ReplayRun run;
    /** Plan index of the process that makes each call of the global order. */
    private final int[] owner;
    private int next;
    private int live;
    private int sleeping;
    /** Which processes (by plan index) sleep here. */
    private final boolean[] waiting;
    private boolean stalled;

    Sequencer(ReplayRun run, int[] owner, int processes) {
        this.run = run;
        this.owner = owner.clone();
        this.waiting = new boolean[processes];
    }

    /** A process is about to exist (counted from its fork so that its parent's sleep is no stall). */
    void forking() {
        live++;
    }

    /** A process ended, or a fork of one failed. */
    void gone(KernelThreads kt) {
        live--;
        checkStall(kt);
    }

    void await(Executor x, int seq) {
        KernelThreads kt = run.kernel.kthreads();
        while (next != seq) {
            if (stalled) {
                throw new Stalled();
            }
            sleeping++;
            waiting[x.plan.index] = true;
            checkStall(kt);
            if (!stalled) {
                kt.tsleep(run.ident(x.plan.index), "replay", 0);
            }
            waiting[x.plan.index] = false;
            sleeping--;
        }
        if (stalled) {
            throw new Stalled();
        }
    }

    void done(Executor x, int seq) {
        next = seq + 1;
        if (next < owner.length) {
            run.kernel.kthreads().wakeup(run.ident(owner[next]));
        }
    }

    private void checkStall(KernelThreads kt) {
        // the owner of the next call may sleep too: it has been woken and will run
        if (stalled || live <= 0 || sleeping < live || next >= owner.length || waiting[owner[next]]) {
            return;
        }
        stalled = true;
        run.report.stalled("call " + (next + 1) + " of " + owner.length + " (trace line " + run.line(next)
                + ") never became due: its process died or was never forked");
        for (int i = 0; i < run.plans.size(); i++) {
            kt.wakeup(run.ident(i));
        }
    }

    int live() {
        return live;
    }
}
