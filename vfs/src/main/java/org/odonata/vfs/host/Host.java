package org.odonata.vfs.host;

import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.vfs.VfsHost;

/**
 * The kernel's mechanisms as the VFS code calls them: {@link VfsHost} for time, cycles, tokens and sleeping, and
 * lockmgr locks ({@code struct lock}) built with the machine's {@link LockFactory}. Lock operations act for the
 * calling simulated thread; on the host thread (the root mount at boot) there is no concurrency and they do
 * nothing, so boot-time code may share the paths that lock.
 */
public final class Host {

    private final VfsHost kernel;
    private final LockFactory locks;

    public Host(VfsHost kernel, LockFactory locks) {
        this.kernel = kernel;
        this.locks = locks;
    }

    public VfsHost kernel() {
        return kernel;
    }

    /** Whether a simulated thread is calling (locks mean something), rather than the host thread at boot. */
    public boolean onCpu() {
        return kernel.curcpu() >= 0;
    }

    public LockMgr newLock(String name) {
        return locks.newLockMgr(kernel.syncHost(), name, kernel.sleeper());
    }

    public void lockExclusive(LockMgr lock) {
        int cpu = kernel.curcpu();
        if (cpu >= 0) {
            lock.lockExclusive(cpu, kernel.curthread());
        }
    }

    public void lockShared(LockMgr lock) {
        int cpu = kernel.curcpu();
        if (cpu >= 0) {
            lock.lockShared(cpu, kernel.curthread());
        }
    }

    public void unlock(LockMgr lock) {
        int cpu = kernel.curcpu();
        if (cpu >= 0) {
            lock.release(cpu, kernel.curthread());
        }
    }

    public void charge(long cycles) {
        kernel.charge(cycles);
    }

    /** Charges a copy of {@code bytes} between user and kernel memory. */
    public void copy(long bytes) {
        kernel.charge(bytes >>> Costs.COPY_SHIFT);
    }

    public void gettoken(String name) {
        if (kernel.curcpu() >= 0) {
            kernel.gettoken(name, false);
        }
    }

    public void reltoken() {
        if (kernel.curcpu() >= 0) {
            kernel.reltoken();
        }
    }
}
