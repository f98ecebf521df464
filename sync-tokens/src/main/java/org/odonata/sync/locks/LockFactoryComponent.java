package org.odonata.sync.locks;

import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.sync.Sleeper;
import org.odonata.api.sync.SyncHost;
import org.osgi.service.component.annotations.Component;

/** Registers DragonFly's spinlocks and lockmgr locks as the LockFactory service, each on its host's machine. */
@Component(service = LockFactory.class)
public final class LockFactoryComponent implements LockFactory {

    @Override
    public org.odonata.api.sync.Spinlock newSpinlock(SyncHost host, String name) {
        return new Spinlock(host.machine(), name);
    }

    @Override
    public LockMgr newLockMgr(SyncHost host, String name, Sleeper sleeper) {
        return new LockMgrLock(host.machine(), name, sleeper);
    }
}
