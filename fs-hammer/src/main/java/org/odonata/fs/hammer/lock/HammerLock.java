package org.odonata.fs.hammer.lock;

/**
 * A HAMMER structural lock (struct hammer_lock, hammer_subs.c): held shared by any number of threads or
 * exclusively by one, which may take it again recursively. {@link #upgrade} never sleeps: with other sharers
 * it fails, which is EDEADLK to the caller, who releases everything, waits for the lock ({@link #lockEx} then
 * {@link #unlock}, as hammer_done_cursor does on its deadlk_node) and retries. Shared requests are not held off
 * by waiting exclusive ones (hammer_lock_sh: that could deadlock). Counts contentions (sleeps) for statistics.
 * Not thread-safe by itself: HAMMER runs on one host thread per simulated machine, and a simulated thread only
 * loses the CPU where it sleeps or does I/O.
 */
public final class HammerLock {

    private final HammerThreads threads;
    private final long ident;
    private final LockStats stats;
    /** Holders (shared), or holds (exclusive, counting recursion and the shared holds an upgrade absorbed). */
    private int count;
    private boolean exclusive;
    private long owner;
    private int sleepers;

    public HammerLock(HammerThreads threads, LockStats stats) {
        this.threads = threads;
        this.ident = threads.newIdent();
        this.stats = stats;
    }

    /** hammer_lock_ex: sleeps until held exclusively (recursion allowed). */
    public void lockEx(String wmesg) {
        long td = threads.curthread();
        while (!tryLockEx(td)) {
            sleep(wmesg);
        }
    }

    /** hammer_lock_ex_try: exclusive now, or false (EAGAIN). */
    public boolean tryLockEx() {
        return tryLockEx(threads.curthread());
    }

    private boolean tryLockEx(long td) {
        if (count == 0) {
            count = 1;
            exclusive = true;
            owner = td;
            return true;
        }
        if (exclusive && owner == td) {
            count++;
            return true;
        }
        return false;
    }

    /** hammer_lock_sh: sleeps while another thread holds it exclusively. */
    public void lockSh(String wmesg) {
        long td = threads.curthread();
        while (exclusive && owner != td) {
            sleep(wmesg);
        }
        count++;
    }

    /**
     * hammer_lock_upgrade: the caller holds it shared {@code shcount} times; becomes the exclusive owner if those
     * are the only holds. False (EDEADLK) if anyone else holds it. Already exclusive by the caller: true.
     */
    public boolean upgrade(int shcount) {
        long td = threads.curthread();
        if (exclusive) {
            if (owner != td) {
                throw new IllegalStateException("upgrade of a lock held exclusively by another thread");
            }
            return true;
        }
        if (count == shcount) {
            exclusive = true;
            owner = td;
            return true;
        }
        stats.deadlocks++;
        return false;
    }

    /** hammer_lock_downgrade: the owner's exclusive holds become shared ones. */
    public void downgrade() {
        exclusive = false;
        owner = 0;
        wakeSleepers();
    }

    /** hammer_unlock: drops one hold. */
    public void unlock() {
        if (count <= 0) {
            throw new IllegalStateException("unlock of a lock that is not held");
        }
        if (--count == 0) {
            exclusive = false;
            owner = 0;
            wakeSleepers();
        }
    }

    /** Whether the calling thread holds it exclusively. */
    public boolean heldExclusively() {
        return exclusive && owner == threads.curthread();
    }

    /** Whether nobody holds it and nobody sleeps on it (a lock table may forget it). */
    public boolean idle() {
        return count == 0 && sleepers == 0;
    }

    private void sleep(String wmesg) {
        stats.contentions++;
        sleepers++;
        try {
            threads.tsleep(ident, wmesg);
        } finally {
            sleepers--;
        }
    }

    private void wakeSleepers() {
        if (sleepers > 0) {
            threads.wakeup(ident);
        }
    }
}
