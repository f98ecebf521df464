package org.odonata.kern;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vfs.ProcessFiles;

/**
 * The system calls of one LWP. Each call from user mode costs {@code syscallEntry} and {@code syscallExit} on the
 * calling CPU plus its work, and returns through {@link Usched#userret}, where the LWP may be rescheduled; calls
 * made from inside the kernel (a {@link #withToken} body) cost only their work.
 * <p>
 * The file and pipe calls are the VFS's ({@link VfsCallLayer}), which charges their work.
 * <p>
 * Simplified work costs (cycles; no VM model behind them): fork {@value #FORK_CYCLES}, exit {@value #EXIT_CYCLES},
 * waitpid reap {@value #WAIT_CYCLES}, exec {@value #EXEC_CYCLES}; {@link #now()} is a vDSO read costing
 * {@code tscRead} only.
 */
final class SyscallLayer extends VfsCallLayer implements Syscalls {

    static final long FORK_CYCLES = 25_000;
    static final long EXIT_CYCLES = 15_000;
    static final long WAIT_CYCLES = 1_500;
    static final long EXEC_CYCLES = 40_000;

    static final int ECHILD = 10;
    static final int EINVAL = 22;
    /** {@code RTP_PRIO_MAX}: rtprio levels are 0..31. */
    static final int RTP_PRIO_MAX = 31;

    /** Unwinds a user program's stack after exit(); never seen by user code that does not catch Errors. */
    static final class ExitUnwind extends Error {
        private static final long serialVersionUID = 1L;

        ExitUnwind() {
            super("exit", null, false, false);
        }
    }

    private final SimKernel k;
    private final Td td;

    SyscallLayer(SimKernel k, Td td) {
        this.k = k;
        this.td = td;
    }

    private void enter() {
        if (k.engine.current() != td.sim) {
            throw new IllegalStateException("system call on behalf of " + td + " from another thread");
        }
        if (td.kernelDepth++ == 0) {
            td.gd.hw.charge(k.machine.costs().syscallEntry());
            k.syscalls++;
        }
    }

    @Override
    ProcessFiles enterFiles() {
        enter();
        return td.lwp.proc.files;
    }

    @Override
    void leave() {
        if (--td.kernelDepth == 0) {
            td.gd.hw.charge(k.machine.costs().syscallExit());
            k.lwkt.maybeSettle(td.gd);
            k.usched.userret(td);
        }
    }

    @Override
    public int getpid() {
        enter();
        int pid = td.lwp.proc.pid;
        leave();
        return pid;
    }

    @Override
    public long gettid() {
        enter();
        long tid = td.tid;
        leave();
        return tid;
    }

    @Override
    public int fork(UserProgram child) {
        enter();
        td.gd.hw.charge(FORK_CYCLES);
        int pid = k.fork(td, child);
        leave();
        return pid;
    }

    @Override
    public void exit(int status) {
        enter();
        k.exit1(td, status);
        throw new ExitUnwind();
    }

    @Override
    public int waitpid() {
        enter();
        Proc p = td.lwp.proc;
        int result;
        while (true) {
            Proc zombie = null;
            for (Proc c : p.children) {
                if (c.zombie) {
                    zombie = c;
                    break;
                }
            }
            if (zombie != null) {
                td.gd.hw.charge(WAIT_CYCLES);
                k.reap(zombie);
                result = zombie.pid;
                break;
            }
            if (p.children.isEmpty()) {
                result = -ECHILD;
                break;
            }
            k.sleepq.tsleep(td, p.waitIdent, "wait", 0);
        }
        leave();
        return result;
    }

    @Override
    public void nanosleep(long nanos) {
        enter();
        if (nanos > 0) {
            long until = k.engine.now() + nanos;
            long ident = k.newIdent();
            while (k.engine.now() < until) {
                k.sleepq.tsleep(td, ident, "nanslp", until - k.engine.now());
            }
        }
        leave();
    }

    @Override
    public void schedYield() {
        enter();
        k.usched.yield(td);
        leave();
    }

    @Override
    public int execve(byte[] path, UserProgram program) {
        Objects.requireNonNull(program, "program");
        ProcessFiles files = enterFiles();
        int error = path == null ? 0 : files.execCheck(path);
        if (error != 0) {
            leave();
            return error;
        }
        files.exec();
        td.gd.hw.charge(EXEC_CYCLES);
        leave();
        program.main(this);
        exit(0);
        return 0;
    }

    @Override
    public void compute(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("negative compute burst: " + cycles + " cycles");
        }
        if (td.kernelDepth > 0) {
            computeInKernel(cycles);
            return;
        }
        if (k.engine.current() != td.sim) {
            throw new IllegalStateException("compute on behalf of " + td + " from another thread");
        }
        k.lwkt.computeUser(td, cycles);
    }

    @Override
    public long now() {
        td.gd.hw.charge(k.machine.costs().tscRead());
        return k.engine.now();
    }

    @Override
    public int setNice(int nice) {
        enter();
        int result = 0;
        if (nice < -20 || nice > 20) {
            result = -EINVAL;
        } else {
            td.lwp.proc.nice = nice;
        }
        leave();
        return result;
    }

    @Override
    public void withToken(String token, boolean shared, Runnable body) {
        enter();
        Token tok = k.tokens.lookup(token);
        k.tokens.gettoken(td, tok, shared ? TokenMode.SHARED : TokenMode.EXCLUSIVE);
        try {
            body.run();
        } finally {
            if (!td.exited) {
                k.tokens.reltoken(td);
            }
        }
        leave();
    }

    @Override
    public void computeInKernel(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("negative compute burst: " + cycles + " cycles");
        }
        enter();
        td.gd.hw.consume(cycles);
        td.gd.settledMark = td.gd.hw.cyclesCharged();
        leave();
    }

    @Override
    public RandomGenerator random() {
        Proc p = td.lwp.proc;
        if (p.random == null) {
            p.random = k.engine.random().stream("proc." + p.pid);
        }
        return p.random;
    }

    @Override
    public int setSchedClass(SchedClass cls, int level) {
        Objects.requireNonNull(cls, "cls");
        enter();
        int result = 0;
        if (level < 0 || level > RTP_PRIO_MAX) {
            result = -EINVAL;
        } else {
            td.lwp.schedClass = cls;
            td.lwp.schedLevel = level;
        }
        leave();
        return result;
    }
}
