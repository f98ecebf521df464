package org.odonata.fs.hammer.lock;

import org.odonata.fs.hammer.table.LongMap;

/**
 * The {@link HammerLock}s of a kind of object (B-tree nodes by offset, inodes by object id) that are in use.
 * DragonFly keeps the lock in the in-memory structure (hammer_node, hammer_inode); here an in-memory copy may be
 * dropped while it is locked, so the locks live apart, each while someone holds or waits for it. O(1) per
 * operation. Keyed by the primitive offset: every node a search visits passes through the table several times,
 * and a HashMap of boxed keys cost a B-tree lookup about a sixth of its time. A lock (and its sleep identity) is
 * created whenever its offset is locked while absent from the table.
 */
public final class LockTable {

    private final HammerThreads threads;
    private final LockStats stats;
    private final LongMap<HammerLock> locks = new LongMap<>();

    public LockTable(HammerThreads threads, LockStats stats) {
        this.threads = threads;
        this.stats = stats;
    }

    private HammerLock of(long offset) {
        HammerLock l = locks.get(offset);
        if (l == null) {
            l = new HammerLock(threads, stats);
            locks.put(offset, l);
        }
        return l;
    }

    public void lockSh(long offset, String wmesg) {
        of(offset).lockSh(wmesg);
    }

    public void lockEx(long offset, String wmesg) {
        of(offset).lockEx(wmesg);
    }

    public boolean tryLockEx(long offset) {
        HammerLock l = of(offset);
        if (l.tryLockEx()) {
            return true;
        }
        forgetIfIdle(offset, l);
        return false;
    }

    public boolean upgrade(long offset) {
        return of(offset).upgrade(1);
    }

    public void downgrade(long offset) {
        HammerLock l = locks.get(offset);
        if (l != null && l.heldExclusively()) {
            l.downgrade();
        }
    }

    public boolean heldExclusively(long offset) {
        HammerLock l = locks.get(offset);
        return l != null && l.heldExclusively();
    }

    public void unlock(long offset) {
        HammerLock l = locks.get(offset);
        if (l == null) {
            throw new IllegalStateException("unlock of 0x" + Long.toHexString(offset) + ", which is not locked");
        }
        l.unlock();
        forgetIfIdle(offset, l);
    }

    private void forgetIfIdle(long offset, HammerLock l) {
        if (l.idle()) {
            locks.remove(offset);
        }
    }

    /** Locks held or waited for: 0 when nothing is locked. */
    public int inUse() {
        return locks.size();
    }
}
