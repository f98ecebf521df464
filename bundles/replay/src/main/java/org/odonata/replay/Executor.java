package org.odonata.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.replay.strace.Ret;
import org.odonata.replay.strace.Syscall;

/**
 * One replayed process on the simulated kernel: it runs its {@link ProcessPlan}'s calls in order, each when the
 * trace's global order says it is due (and after its think time), and compares each result with the recorded one.
 * It maps the traced process's descriptor numbers to its own (the simulated kernel numbers descriptors its way).
 */
final class Executor implements UserProgram {

    final ReplayRun run;
    final ProcessPlan plan;
    final long ident;
    Syscalls sys;
    /** Traced descriptor → simulated descriptor, for the descriptors of files under the directory. */
    final Map<Integer, Integer> fds;
    /** Directory readings in progress, by traced descriptor. */
    final Map<Integer, Dents> dents;
    private int next;
    private boolean opFinished;
    private long lastEnd;

    Executor(ReplayRun run, ProcessPlan plan, Map<Integer, Integer> fds, Map<Integer, Dents> dents, long now) {
        this.run = run;
        this.plan = plan;
        this.ident = run.ident(plan.index);
        this.fds = fds;
        this.dents = dents;
        this.lastEnd = now;
    }

    @Override
    public void main(Syscalls s) {
        sys = s;
        try {
            runOps();
        } catch (Sequencer.Stalled e) {
            // the replay stalled: this process ends with the others
        } finally {
            run.ended(this);
        }
    }

    /** Runs the remaining calls; also the continuation of an {@code execve}. */
    void runOps() {
        while (next < plan.ops.size()) {
            Op op = plan.ops.get(next++);
            if (op.seq >= 0) {
                run.sequencer.await(this, op.seq);
            }
            if (op.think > 0) {
                long wait = lastEnd + op.think - sys.now();
                if (wait > 0) {
                    sys.nanosleep(wait);
                }
            }
            opFinished = false;
            if (op.handsOnFirst) {
                finish(op);
            }
            try {
                op.action.run(this, op);
            } catch (Sequencer.Stalled e) {
                throw e;
            } catch (RuntimeException e) {
                mismatch(op, "the replay failed: " + e);
            }
            if (!opFinished) {
                finish(op);
            }
        }
    }

    /** Counts the call and hands the global order on; an {@code execve} calls it before its new program runs. */
    void finish(Op op) {
        opFinished = true;
        if (op.counted) {
            run.report.replayedOne();
        }
        lastEnd = sys.now();
        if (op.seq >= 0) {
            run.sequencer.done(this, op.seq);
        }
    }

    // ---- descriptors ----

    /** The simulated descriptor of a traced one, or -1 (EBADF) when the replay has none. */
    int fd(long hostFd) {
        Integer s = fds.get((int) hostFd);
        return s == null ? -1 : s;
    }

    int dirfd(long hostDirfd) {
        return hostDirfd == Fcntl.AT_FDCWD ? Fcntl.AT_FDCWD : fd(hostDirfd);
    }

    void bind(long hostFd, int simFd) {
        if (simFd < 0) {
            return;
        }
        Integer old = fds.put((int) hostFd, simFd);
        if (old != null && old != simFd) {
            sys.close(old);
        }
    }

    /**
     * Compares a call that returns a new descriptor and maps the traced one to it; one the trace's call did not
     * return is closed again.
     */
    void adopt(Op op, long hostFd, int simFd) {
        if (expect(op, simFd, false) && simFd >= 0) {
            bind(hostFd, simFd);
        } else if (simFd >= 0) {
            sys.close(simFd);
        }
    }

    /** Forgets a traced descriptor; returns its simulated one, or -1. */
    int unbind(long hostFd) {
        dents.remove((int) hostFd);
        Integer s = fds.remove((int) hostFd);
        return s == null ? -1 : s;
    }

    Map<Integer, Integer> copyFds() {
        return new HashMap<>(fds);
    }

    Map<Integer, Dents> copyDents() {
        return dents.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().copy(),
                (a, b) -> a, HashMap::new));
    }

    // ---- comparisons ----

    /**
     * Compares a simulated result with the recorded one: the same error, or success — with the same value when
     * {@code value} is set.
     *
     * @return whether they agree
     */
    boolean expect(Op op, long got, boolean value) {
        Ret want = op.call.ret();
        if (want.failed()) {
            if (got < 0 && errnoName(got).equals(Linux.errnoName(want.errno()))) {
                return true;
            }
        } else if (got >= 0 && (!value || got == want.value())) {
            return true;
        }
        mismatch(op, "got " + describe(got));
        return false;
    }

    /**
     * Compares a call where DragonFly answers otherwise than the Linux host did, on purpose ({@code why} names the
     * DragonFly function): the simulated kernel must give DragonFly's {@code errno}; the call counts as answered as
     * DragonFly, not as a mismatch.
     */
    void expectDragonFly(Op op, long got, Errno dragonfly, String why) {
        if (got == dragonfly.negated()) {
            run.report.diverged(why);
        } else {
            mismatch(op, "got " + describe(got) + ", DragonFly's answer is -1 " + dragonfly.name());
        }
    }

    /** Whether the call was recorded as successful. */
    static boolean succeeded(Op op) {
        return op.call.ret().ok();
    }

    void mismatch(Op op, String what) {
        run.report.mismatch(op.line(), text(op.call), what);
    }

    static String describe(long result) {
        return result >= 0 ? Long.toString(result) : "-1 " + errnoName(result);
    }

    static String errnoName(long result) {
        try {
            Errno e = Errno.ofResult(result);
            return e == null ? "0" : e.name();
        } catch (IllegalArgumentException e) {
            return "errno " + (-result);
        }
    }

    /** The call as strace showed it, long arguments shortened. */
    static String text(Syscall c) {
        if (c == null) {
            return "(exit)";
        }
        String args = c.args().stream().map(a -> a.length() > 40 ? a.substring(0, 37) + "..." : a)
                .collect(Collectors.joining(", "));
        return c.name() + "(" + args + ") = " + (c.ret() == null ? "?" : c.ret().text());
    }
}
