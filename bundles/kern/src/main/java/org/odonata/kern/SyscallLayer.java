package org.odonata.kern;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.sched.SchedClass;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vfs.FileMapping;
import org.odonata.api.vfs.ProcessFiles;
import org.odonata.api.vfs.SysResult;
import org.odonata.api.vm.AccessFuture;
import org.odonata.api.vm.VmSpace;

/**
 * The system calls of one LWP. Each call from user mode costs {@code syscallEntry} and {@code syscallExit} on the
 * calling CPU plus its work, and returns through {@link Usched#userret}, where the LWP may be rescheduled; calls
 * made from inside the kernel (a {@link #withToken} body) cost only their work.
 * <p>
 * The file and pipe calls are the VFS's ({@link VfsCallLayer}), which charges their work.
 * <p>
 * Simplified work costs (cycles): fork {@value #FORK_CYCLES}, exit {@value #EXIT_CYCLES}, waitpid reap
 * {@value #WAIT_CYCLES}, exec {@value #EXEC_CYCLES}; {@link #now()} is a vDSO read costing {@code tscRead} only.
 * Memory calls go to the process's {@link VmSpace}, which charges its own work; a {@link #touch} access costs what
 * the VM's MMU model says in user mode, accumulated and run as a preemptible user burst once it exceeds
 * {@value #TOUCH_SETTLE_CYCLES} cycles (or at the next system call), and a page fault is a kernel entry like a
 * system call's (not counted as one).
 */
final class SyscallLayer extends VfsCallLayer implements Syscalls {

    static final long FORK_CYCLES = 25_000;
    static final long EXIT_CYCLES = 15_000;
    static final long WAIT_CYCLES = 1_500;
    static final long EXEC_CYCLES = 40_000;
    static final long TOUCH_SETTLE_CYCLES = 3_000;

    static final int ECHILD = 10;
    static final int EAGAIN = 35;
    static final int EINVAL = 22;
    static final int ENOSYS = 78;
    static final int SIGSEGV = 11;
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
    /** User cycles of memory accesses not yet run as a burst. */
    private long pendingUser;

    SyscallLayer(SimKernel k, Td td) {
        this.k = k;
        this.td = td;
    }

    private void enter() {
        if (k.engine.current() != td.sim) {
            throw new IllegalStateException("system call on behalf of " + td + " from another thread");
        }
        if (td.kernelDepth == 0 && pendingUser > 0) {
            flushUser();
        }
        if (td.kernelDepth++ == 0) {
            td.gd.hw.charge(k.machine.costs().syscallEntry() + k.vkernelTrapCycles);
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
            checkKilled();
            k.usched.userret(td);
        }
    }

    /** A posted kill takes effect on the way back to user mode. */
    private void checkKilled() {
        int sig = td.lwp.proc.killSignal;
        if (sig != 0) {
            td.kernelDepth++;
            k.die(td, sig);
        }
    }

    /** Runs the accumulated user cycles of memory accesses as a preemptible burst. */
    private void flushUser() {
        long cycles = pendingUser;
        pendingUser = 0;
        k.lwkt.computeUser(td, cycles);
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

    /**
     * {@code vmspace_ctl(VMSPACE_CTL_RUN)} ({@code kern/sys_vmm.c}): switches into the guest and runs its CPU {@code v}
     * until it halts, the host preempts it or a signal comes.
     */
    void vmspaceCtlRun(Vcpu v) {
        enter();
        td.gd.hw.charge(VkernelProcess.WORLD_SWITCH_CYCLES);
        leave();
        k.lwkt.runGuest(td, v);
    }

    /**
     * A host page fault on a vkernel guest's memory ({@code trap} → {@code vm_fault} on the vCPU's vmspace): the host
     * faults the page at {@code va} in (a swap-in, or a zero-fill at its first use) as an access of this process, and
     * the guest resumes without a world switch, the fault never reaching the vkernel ({@code vkernel_trap}).
     */
    void vkernelHostFault(Vcpu v, long va, boolean write) {
        touch(va, 1, write);
        if (td.lwp.proc.killSignal == 0) {
            k.lwkt.runGuest(td, v);
        }
    }

    /**
     * The vkernel's idle vCPU sleeping in the host ({@code cpu_idle} in {@code platform/vkernel64} through
     * {@code umtx_sleep}) until its guest CPU has work again or a signal comes.
     */
    void vcpuSleep(Vcpu v, long ident) {
        enter();
        if (!v.runnable() && td.lwp.proc.killSignal == 0) {
            k.sleepq.tsleep(td, ident, "vcpu", 0);
        }
        leave();
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
        k.tokens.withToken(td, k.tokens.lookup(token), shared ? TokenMode.SHARED : TokenMode.EXCLUSIVE, body);
        leave();
    }

    @Override
    public void computeInKernel(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("negative compute burst: " + cycles + " cycles");
        }
        enter();
        k.lwkt.computeKernel(td, cycles);
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

    // ---- memory -------------------------------------------------------------------------------------------

    VmSpace space() {
        return td.lwp.proc.vmspace;
    }

    @Override
    public long mmap(long addr, long len, int prot, int flags, int fd, long offset) {
        enter();
        long r;
        VmSpace vs = space();
        if (vs == null) {
            r = -ENOSYS;
        } else if ((flags & VmSpace.MAP_ANON) != 0) {
            r = fd != -1 || offset != 0 ? -EINVAL : vs.mmap(td.gd.cpu, addr, len, prot, flags);
        } else {
            // kern_mmap: the descriptor's vnode and open mode from the VFS, the mapping from the VM
            SysResult<FileMapping> m = td.lwp.proc.files.mmap(fd, prot, flags);
            r = !m.ok() ? m.error()
                    : vs.mmapVnode(td.gd.cpu, addr, len, prot, flags, m.value().pager(), offset, m.value().writable());
        }
        leave();
        return r;
    }

    @Override
    public int msync(long addr, long len, int flags) {
        enter();
        VmSpace vs = space();
        int r = vs == null ? -ENOSYS : vs.msync(td.gd.cpu, addr, len, flags);
        leave();
        return r;
    }

    @Override
    public int load(long addr, byte[] dst, int off, int len) {
        return transfer(addr, dst, off, len, false);
    }

    @Override
    public int store(long addr, byte[] src, int off, int len) {
        return transfer(addr, src, off, len, true);
    }

    /** {@link #load}/{@link #store}: each page's access as {@link #touch} makes it, then its bytes, 8 a cycle. */
    private int transfer(long addr, byte[] buf, int off, int len, boolean store) {
        Objects.checkFromIndexSize(off, len, buf.length);
        userAccessBegins();
        VmSpace vs = space();
        int faults = 0;
        int done = 0;
        while (done < len) {
            long va = addr + done;
            faults += accessPage(vs, va, store);
            int n = vs.copy(td.gd.cpu, va, buf, off + done, len - done, store);
            if (n >= 0) {
                pendingUser += n >>> 3;
                done += n;
            }
        }
        userAccessEnds();
        return faults;
    }

    @Override
    public int munmap(long addr, long len) {
        enter();
        VmSpace vs = space();
        int r = vs == null ? -ENOSYS : vs.munmap(td.gd.cpu, addr, len);
        leave();
        return r;
    }

    @Override
    public int mprotect(long addr, long len, int prot) {
        enter();
        VmSpace vs = space();
        int r = vs == null ? -ENOSYS : vs.mprotect(td.gd.cpu, addr, len, prot);
        leave();
        return r;
    }

    @Override
    public int madvise(long addr, long len, int advice) {
        enter();
        VmSpace vs = space();
        int r = vs == null ? -ENOSYS : vs.madvise(td.gd.cpu, addr, len, advice);
        leave();
        return r;
    }

    @Override
    public long brk(long addr) {
        enter();
        VmSpace vs = space();
        long r = vs == null ? -ENOSYS : vs.brk(td.gd.cpu, addr);
        leave();
        return r;
    }

    @Override
    public int mincore(long addr, long len, byte[] vec) {
        enter();
        VmSpace vs = space();
        int r = vs == null ? -ENOSYS : vs.mincore(td.gd.cpu, addr, len, vec);
        leave();
        return r;
    }

    @Override
    public int setrlimit(int resource, long max) {
        enter();
        VmSpace vs = space();
        int r = vs == null ? -ENOSYS : vs.setrlimit(resource, max);
        leave();
        return r;
    }

    @Override
    public void declareFuture(AccessFuture future) {
        VmSpace vs = space();
        if (vs != null) {
            vs.declareFuture(future);
        }
    }

    @Override
    public int touch(long addr, long len, boolean write) {
        if (len <= 0) {
            return 0;
        }
        userAccessBegins();
        VmSpace vs = space();
        int faults = 0;
        long last = (addr + len - 1) >>> 12;
        for (long vpn = addr >>> 12; vpn <= last; vpn++) {
            faults += accessPage(vs, vpn == addr >>> 12 ? addr : vpn << 12, write);
        }
        userAccessEnds();
        return faults;
    }

    private void userAccessBegins() {
        if (k.engine.current() != td.sim) {
            throw new IllegalStateException("memory access on behalf of " + td + " from another thread");
        }
        if (td.kernelDepth > 0) {
            throw new IllegalStateException(td + ": a memory access is a user-mode access, not allowed inside withToken");
        }
    }

    /** The MMU's part of an access to the page of {@code va}, faulting until it succeeds; returns the faults taken. */
    private int accessPage(VmSpace vs, long va, boolean write) {
        int faults = 0;
        while (true) {
            long cost = vs == null ? VmSpace.PAGE_FAULT : vs.access(td.gd.cpu, va, write);
            if (cost >= 0) {
                pendingUser += cost;
                return faults;
            }
            long frame = k.carrier == null ? -1 : k.carrier.machine.guestMemory().takeRefused(td.gd.cpu);
            if (frame >= 0) {
                // the guest's page is fine, the host's is not resident: the host faults it in, the guest never knows
                if (pendingUser > 0) {
                    flushUser();
                }
                k.carrier.machine.guestMemory().hostFault(td.gd.cpu, frame, write);
                continue;
            }
            faults++;
            trapFault(vs, va, write);
        }
    }

    private void userAccessEnds() {
        if (pendingUser > TOUCH_SETTLE_CYCLES) {
            flushUser();
        }
        if (td.lwp.proc.killSignal != 0) {
            td.kernelDepth++;
            k.die(td, td.lwp.proc.killSignal);
        }
    }

    /** A page fault: trap into the kernel, {@code vm_fault}, and a SIGSEGV or SIGBUS the process dies of. */
    private void trapFault(VmSpace vs, long va, boolean write) {
        if (pendingUser > 0) {
            flushUser();
        }
        td.kernelDepth++;
        td.gd.hw.charge(k.machine.costs().syscallEntry() + k.vkernelTrapCycles);
        if (k.trace != null) {
            k.trace.fault(k.engine.now(), td.gd.cpu, td.tid, va, write);
        }
        int sig = vs == null ? SIGSEGV : vs.fault(td.gd.cpu, va, write);
        if (sig != 0) {
            k.fault("vm", "pid " + td.lwp.proc.pid + " (" + td.lwp.proc.name + "): signal " + sig + " at 0x"
                    + Long.toHexString(va) + (write ? " (write)" : " (read)")
                    + (sig == SIGSEGV ? ": outside every mapping or against its protection"
                            : ": past the end of the mapped file, or no memory"));
            k.die(td, sig);
        }
        leave();
    }
}
