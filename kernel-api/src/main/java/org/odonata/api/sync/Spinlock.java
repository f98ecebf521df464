package org.odonata.api.sync;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A DragonFly spinlock ({@code sys/kern/kern_spinlock.c}): exclusive or shared, the holder may not block,
 * exclusive waiters reserve the lock through EXCLWAIT so new shared holders cannot starve them.
 */
@ProviderType
public interface Spinlock {

    void lock(int cpu);

    boolean tryLock(int cpu);

    void unlock(int cpu);

    void lockShared(int cpu);

    void unlockShared(int cpu);

    LockStats stats();
}
