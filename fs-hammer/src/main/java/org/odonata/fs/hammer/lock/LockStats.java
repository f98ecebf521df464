package org.odonata.fs.hammer.lock;

/**
 * How HAMMER's structural locks of one mount fared: sleeps on a held lock, failed upgrades (EDEADLK) and the
 * operations that retried after one (hammer_stats' contention counts).
 */
public final class LockStats {

    long contentions;
    long deadlocks;
    long retries;

    /** Times a thread slept on a lock another held. */
    public long contentions() {
        return contentions;
    }

    /** Upgrades that failed because another thread shared the lock (EDEADLK). */
    public long deadlocks() {
        return deadlocks;
    }

    /** B-tree operations that released everything, waited and started again after EDEADLK. */
    public long retries() {
        return retries;
    }

    /** Counts one retry after EDEADLK. */
    public void retried() {
        retries++;
    }

    @Override
    public String toString() {
        return "contentions " + contentions + ", deadlocks " + deadlocks + ", retries " + retries;
    }
}
