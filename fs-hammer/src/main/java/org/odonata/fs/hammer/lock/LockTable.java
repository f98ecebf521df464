package org.odonata.fs.hammer.lock;

/**
 * The {@link HammerLock}s of a kind of object (B-tree nodes by offset, inodes by object id) that are in use.
 * DragonFly keeps the lock in the in-memory structure (hammer_node, hammer_inode); here an in-memory copy may be
 * dropped while it is locked, so the locks live apart, each while someone holds or waits for it. O(1) per
 * operation. The table is open-addressed on the primitive key (linear probing, backward-shift removal): every
 * node visited by a search passes through it several times, and a HashMap of boxed keys cost a B-tree lookup
 * about a sixth of its time. A lock is created (with a fresh sleep identity) exactly when the HashMap created one.
 */
public final class LockTable {

    private final HammerThreads threads;
    private final LockStats stats;
    private long[] keys = new long[16];
    private HammerLock[] values = new HammerLock[16];
    private int size;

    public LockTable(HammerThreads threads, LockStats stats) {
        this.threads = threads;
        this.stats = stats;
    }

    private HammerLock of(long offset) {
        int i = slot(offset);
        HammerLock l = values[i];
        if (l == null) {
            l = new HammerLock(threads, stats);
            keys[i] = offset;
            values[i] = l;
            if (++size * 2 > keys.length) {
                grow();
            }
        }
        return l;
    }

    private HammerLock get(long offset) {
        return values[slot(offset)];
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int i = home(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int home(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        HammerLock[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new HammerLock[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }

    /** Empties slot {@code i}, shifting back later entries of its probe run so every key stays reachable. */
    private void remove(int i) {
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int h = home(keys[j], mask);
            // j may move into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        size--;
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
        HammerLock l = get(offset);
        if (l != null && l.heldExclusively()) {
            l.downgrade();
        }
    }

    public boolean heldExclusively(long offset) {
        HammerLock l = get(offset);
        return l != null && l.heldExclusively();
    }

    public void unlock(long offset) {
        HammerLock l = get(offset);
        if (l == null) {
            throw new IllegalStateException("unlock of 0x" + Long.toHexString(offset) + ", which is not locked");
        }
        l.unlock();
        forgetIfIdle(offset, l);
    }

    private void forgetIfIdle(long offset, HammerLock l) {
        if (l.idle()) {
            remove(slot(offset));
        }
    }

    /** Locks held or waited for: 0 when nothing is locked. */
    public int inUse() {
        return size;
    }
}
