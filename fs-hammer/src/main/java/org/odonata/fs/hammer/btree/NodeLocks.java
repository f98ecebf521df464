package org.odonata.fs.hammer.btree;

import java.util.HashMap;
import java.util.Map;

import org.odonata.fs.hammer.lock.HammerLock;
import org.odonata.fs.hammer.lock.HammerThreads;
import org.odonata.fs.hammer.lock.LockStats;

/**
 * The lock of every B-tree node in use, by node offset (DragonFly keeps one in each in-memory hammer_node; here
 * a node's in-memory copy may be evicted while it is locked, so the locks live apart). A lock exists while
 * someone holds or waits for it. O(1) per operation.
 */
final class NodeLocks {

    private final HammerThreads threads;
    private final LockStats stats;
    private final Map<Long, HammerLock> locks = new HashMap<>();

    NodeLocks(HammerThreads threads, LockStats stats) {
        this.threads = threads;
        this.stats = stats;
    }

    private HammerLock of(long offset) {
        return locks.computeIfAbsent(offset, o -> new HammerLock(threads, stats));
    }

    void lockSh(long offset) {
        of(offset).lockSh("hmrnod");
    }

    void lockEx(long offset, String wmesg) {
        of(offset).lockEx(wmesg);
    }

    boolean tryLockEx(long offset) {
        HammerLock l = of(offset);
        if (l.tryLockEx()) {
            return true;
        }
        forgetIfIdle(offset, l);
        return false;
    }

    boolean upgrade(long offset) {
        return of(offset).upgrade(1);
    }

    void downgrade(long offset) {
        HammerLock l = locks.get(offset);
        if (l != null && l.heldExclusively()) {
            l.downgrade();
        }
    }

    boolean heldExclusively(long offset) {
        HammerLock l = locks.get(offset);
        return l != null && l.heldExclusively();
    }

    void unlock(long offset) {
        HammerLock l = locks.get(offset);
        if (l == null) {
            throw new IllegalStateException("unlock of B-tree node 0x" + Long.toHexString(offset) + ", which is not locked");
        }
        l.unlock();
        forgetIfIdle(offset, l);
    }

    private void forgetIfIdle(long offset, HammerLock l) {
        if (l.idle()) {
            locks.remove(offset);
        }
    }

    /** Locks held or waited for, for tests: 0 when every cursor is done. */
    int inUse() {
        return locks.size();
    }
}
