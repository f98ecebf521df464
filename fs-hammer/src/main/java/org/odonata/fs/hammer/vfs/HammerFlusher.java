package org.odonata.fs.hammer.vfs;

import org.odonata.api.fs.FsException;
import org.odonata.api.kthread.KernelThreads;

/**
 * HAMMER's flusher as a kernel thread ({@code hammer_flusher_master_thread}, {@code hammer_flusher.c}): it sleeps
 * until asked, then flushes every dirty inode in flush groups under the mount's lock and, as the last group's
 * {@code hammer_flusher_finalize(trans, 1)} does, commits them. {@link #async} asks without waiting
 * ({@code hammer_flusher_async}: the front end past its dirty limits, the syncer's lazy sync); {@link #syncAndWait}
 * asks for a run that starts after the call and sleeps until it is done ({@code hammer_flusher_sync}). A run that
 * fails (no space) leaves the changes pending; the next waiting caller gets the error. Simplification: one thread,
 * without DragonFly's slave threads.
 */
final class HammerFlusher {

    private final HammerMount mp;
    private final KernelThreads kt;
    private final long ident;
    private final long doneIdent;
    /** Runs asked for, started and finished, numbered from 1; a run serves every request made before it started. */
    private long requested;
    private long started;
    private long done;
    private boolean stopping;
    private boolean stopped;
    private FsException failure;
    private long failedRun;
    long runs;

    HammerFlusher(HammerMount mp) {
        this.mp = mp;
        this.kt = mp.host.kthreads();
        this.ident = kt.newIdent();
        this.doneIdent = kt.newIdent();
    }

    void async() {
        requested = Math.max(requested, started + 1);
        wake(ident);
    }

    void syncAndWait() {
        long want = started + 1;
        requested = Math.max(requested, want);
        wake(ident);
        while (done < want && !stopped) {
            kt.tsleep(doneIdent, "hmrsync", 0);
        }
        if (failure != null && failedRun >= want) {
            throw failure;
        }
    }

    /** Ends the thread once its current run is done; the unmount flushes what is left itself. */
    void stop() {
        stopping = true;
        wake(ident);
    }

    void run() {
        while (true) {
            while (requested <= started && !stopping) {
                kt.tsleep(ident, "hmrwait", 0);
            }
            if (stopping) {
                stopped = true;
                wake(doneIdent);
                return;
            }
            long run = ++started;
            try {
                mp.run(mp.fs::sync);
            } catch (FsException e) {
                failure = e;
                failedRun = run;
            }
            runs++;
            done = run;
            wake(doneIdent);
        }
    }

    private void wake(long id) {
        if (mp.host.curcpu() >= 0) {
            kt.wakeup(id);
        }
    }
}
