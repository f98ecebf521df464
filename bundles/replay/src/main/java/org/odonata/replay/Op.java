package org.odonata.replay;

import org.odonata.replay.strace.Syscall;

/**
 * One call a replayed process makes, in its program: the recorded call, what to do on the simulated kernel and how
 * to compare, its place in the trace's global order and the think time before it.
 */
final class Op {

    /** The simulated call and its comparison with the recorded one. */
    @FunctionalInterface
    interface Action {
        void run(Executor x, Op op);
    }

    final Syscall call;
    final Action action;
    /** Whether it counts as a replayed call (a process's exit does not). */
    final boolean counted;
    /** Its place in the global order of replayed calls, or -1 when it needs none (an exit). */
    int seq = -1;
    /** Virtual nanoseconds to wait after the process's previous call before this one (the trace's gap). */
    long think;
    /**
     * The global order moves on as the call starts, not when it returns: a blocking open of a FIFO waits for the
     * other side's open ({@code fifo_open}), which may come after it in the trace's order.
     */
    boolean handsOnFirst;

    Op(Syscall call, Action action, boolean counted) {
        this.call = call;
        this.action = action;
        this.counted = counted;
    }

    int line() {
        return call == null ? 0 : call.line();
    }
}
