package org.odonata.sync.locks;

import org.odonata.api.engine.Engine;
import org.odonata.api.machine.Cpu;
import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.sync.LockStats;
import org.odonata.sync.tokens.CpuPause;

/**
 * A DragonFly spinlock ({@code sys/kern/kern_spinlock.c}) on one line. Guarantee: an exclusive holder excludes
 * everyone; shared holders coexist; once an exclusive request is waiting (EXCLWAIT) no new shared holder gets
 * in, except a CPU inside its TSC window, so readers cannot starve a writer and a writer cannot starve readers
 * forever. Cost, uncontended: one fetch-add to lock and one to unlock. Contended: the waiter spins until the
 * line changes, then backs off n^1.5 pauses (at most {@link #BACKOFF_MAX}, none inside its TSC window) before
 * its next CAS.
 * <p>
 * The lock word: the holder count in bits 0–19, waiting exclusive requests counted in units of
 * {@link #EXCLWAIT} in bits 20–30, and {@link #SHARED} in bit 31 meaning the holders are shared. Simplification:
 * the {@code update} word for lock-free readers ({@code spin_access_start}) is not modelled.
 */
final class Spinlock implements org.odonata.api.sync.Spinlock {

    static final long SHARED = 0x8000_0000L;
    static final long EXCLWAIT = 0x0010_0000L;
    static final long COUNT_MASK = EXCLWAIT - 1;
    private static final long WAITERS_MASK = SHARED - EXCLWAIT;
    /** The longest backoff between two contended retries, in pauses. */
    static final long BACKOFF_MAX = 4096;

    private final Machine machine;
    private final Engine engine;
    private final Coherence memory;
    private final CacheLine lock;
    private final int ncpus;
    private final double cyclesPerNano;
    private final LockCounters counters;
    private final long[] heldSince;
    private final int[] sharedDepth;

    Spinlock(Machine machine, String name) {
        this.machine = machine;
        this.engine = machine.engine();
        this.memory = machine.coherence();
        this.lock = memory.allocate("spin:" + name, 0, 0);
        this.ncpus = machine.topology().cpuCount();
        this.cyclesPerNano = machine.costs().frequencyHz() / 1e9;
        this.counters = new LockCounters(name);
        this.heldSince = new long[ncpus];
        this.sharedDepth = new int[ncpus];
    }

    @Override
    public void lock(int cpu) {
        long old = memory.fetchAdd(cpu, lock, 1);
        if (old != 0) {
            lockContested(cpu, old + 1);
        }
        counters.acquired();
        heldSince[cpu] = engine.now();
    }

    @Override
    public boolean tryLock(int cpu) {
        long v = memory.load(cpu, lock);
        // SHARED alone is a stale flag left by the last shared holder: nobody holds it.
        if ((v & ~SHARED) != 0 || !memory.compareAndSet(cpu, lock, v, 1)) {
            return false;
        }
        counters.acquired();
        heldSince[cpu] = engine.now();
        return true;
    }

    @Override
    public void unlock(int cpu) {
        counters.held(engine.now() - heldSince[cpu]);
        memory.fetchAdd(cpu, lock, -1);
    }

    @Override
    public void lockShared(int cpu) {
        long old = memory.fetchAdd(cpu, lock, 1);
        if ((old & SHARED) == 0) {
            lockSharedContested(cpu, old + 1);
        }
        counters.acquired();
        if (sharedDepth[cpu]++ == 0) {
            heldSince[cpu] = engine.now();
        }
    }

    @Override
    public void unlockShared(int cpu) {
        if (--sharedDepth[cpu] == 0) {
            counters.held(engine.now() - heldSince[cpu]);
        }
        memory.fetchAdd(cpu, lock, -1);
    }

    @Override
    public LockStats stats() {
        return counters.snapshot();
    }

    /**
     * {@code _spin_lock_contested}: our increment found holders. A lock left SHARED with no holders is taken
     * over directly; otherwise the increment becomes an EXCLWAIT reservation and SHARED is cleared, which keeps
     * new holders out while the current ones leave.
     */
    private void lockContested(int cpu, long v) {
        long start = engine.now();
        if (v == (SHARED | 1) && memory.compareAndSet(cpu, lock, v, 1)) {
            return;
        }
        v = memory.fetchAdd(cpu, lock, EXCLWAIT - 1) + EXCLWAIT - 1;
        while ((v & SHARED) != 0 && !memory.compareAndSet(cpu, lock, v, v & ~SHARED)) {
            v = memory.load(cpu, lock);
        }
        v &= ~SHARED;
        for (long round = 1;; round++) {
            if ((v & COUNT_MASK) == 0) {
                if (memory.compareAndSet(cpu, lock, v, (v - EXCLWAIT) | 1)) {
                    break;
                }
                v = memory.load(cpu, lock);
                continue;
            }
            v = waitAndBackOff(cpu, v, round);
        }
        counters.contended(engine.now() - start, (long) ((engine.now() - start) * cyclesPerNano));
    }

    /**
     * {@code _spin_lock_shared_contested}: take back the increment, then get in when the lock is free or shared
     * with no exclusive request waiting — or, inside the TSC window, shared even though one is waiting.
     */
    private void lockSharedContested(int cpu, long v) {
        long start = engine.now();
        v = memory.fetchAdd(cpu, lock, -1) - 1;
        for (long round = 1;; round++) {
            if (v == 0) {
                if (memory.compareAndSet(cpu, lock, 0, SHARED | 1)) {
                    break;
                }
            } else if ((v & SHARED) != 0
                    && ((v & WAITERS_MASK) == 0 || CpuPause.inTscWindow(machine.cpu(cpu), ncpus))) {
                if (memory.compareAndSet(cpu, lock, v, v + 1)) {
                    break;
                }
            } else {
                v = waitAndBackOff(cpu, v, round);
                continue;
            }
            v = memory.load(cpu, lock);
        }
        counters.contended(engine.now() - start, (long) ((engine.now() - start) * cyclesPerNano));
    }

    /** Spins until the word changes from {@code seen}, then backs off round^1.5 pauses unless in the TSC window. */
    private long waitAndBackOff(int cpu, long seen, long round) {
        memory.spinUntilChanged(cpu, lock, seen);
        Cpu c = machine.cpu(cpu);
        if (!CpuPause.inTscWindow(c, ncpus)) {
            CpuPause.pause(c, Math.min(BACKOFF_MAX, (long) Math.pow(round, 1.5)));
        }
        return memory.load(cpu, lock);
    }
}
