package org.odonata.api.sched;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A user scheduler's spinlock ({@code spin_lock} in DragonFly's usched code: dfly's per-CPU {@code dd->spin},
 * bsd4's global {@code bsd4_spin}) on the machine's simulated memory, made by {@link SchedHost#spinlock}. The CPU
 * whose code is running the scheduler takes it and pays what the machine's coherence model says: a local hit when
 * the line is already its own, a transfer, and a wait behind other CPUs' transfers of the line, when it is not. A
 * scheduler takes a lock within one callback and releases it before returning; taking a lock its CPU already holds
 * throws, where DragonFly would deadlock.
 */
@ProviderType
public interface SchedLock {

    /** {@code spin_lock}. */
    void lock();

    /** {@code spin_trylock}: one attempt; false if another CPU holds the lock. */
    boolean tryLock();

    /** {@code spin_unlock}. */
    void unlock();
}
