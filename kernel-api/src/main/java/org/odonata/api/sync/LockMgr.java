package org.odonata.api.sync;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A DragonFly lockmgr lock ({@code sys/kern/kern_lock.c}): shared/exclusive, sleeping waiters, upgrades, and
 * exclusive priority (pending exclusive or upgrade requests hold off new shared requests).
 */
@ProviderType
public interface LockMgr {

    /** Sleeps until held exclusively. */
    void lockExclusive(int cpu, long owner);

    /** Sleeps until held shared. */
    void lockShared(int cpu, long owner);

    /** Upgrades a shared hold to exclusive, sleeping until the other sharers leave. */
    void upgrade(int cpu, long owner);

    /** Downgrades an exclusive hold to shared. */
    void downgrade(int cpu, long owner);

    void release(int cpu, long owner);

    LockStats stats();
}
