package org.odonata.api.sync;

import org.osgi.annotation.versioning.ProviderType;

/** Spinlocks and lockmgr locks on a machine's simulated memory; registered as a service by sync-tokens. */
@ProviderType
public interface LockFactory {

    Spinlock newSpinlock(SyncHost host, String name);

    /**
     * @param sleeper blocks and wakes simulated threads (the kernel's tsleep/wakeup on the lock's address)
     */
    LockMgr newLockMgr(SyncHost host, String name, Sleeper sleeper);
}
