package org.odonata.fs.hammer.fs;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.odonata.fs.hammer.flush.FlushObserver;
import org.odonata.fs.hammer.lock.HammerThreads;

/**
 * How {@link HammerFs#mount} mounts a volume.
 *
 * @param readOnly  recover in memory only and refuse every change (EROFS); REDO is not replayed
 * @param clock     nanoseconds for inode times and record timestamps: the simulation's virtual time, or any
 *                  counter; the filesystem never reads the host clock
 * @param fsyncMode what fsync does
 * @param observer  told when each flush phase completes (crash tests cut power there)
 * @param threads   the kernel's curthread, tsleep and wakeup for HAMMER's locks, when several simulated threads
 *                  call in (inside a simulated kernel); {@link HammerThreads#single()} for one caller at a time
 */
public record MountOptions(boolean readOnly, LongSupplier clock, FsyncMode fsyncMode, FlushObserver observer,
        HammerThreads threads) {

    /** One caller at a time. */
    public MountOptions(boolean readOnly, LongSupplier clock, FsyncMode fsyncMode, FlushObserver observer) {
        this(readOnly, clock, fsyncMode, observer, HammerThreads.single());
    }

    /** Read-write, fsync mode {@link FsyncMode#REDO}, and a clock that counts one nanosecond per reading. */
    public static MountOptions defaults() {
        AtomicLong counter = new AtomicLong();
        return new MountOptions(false, counter::incrementAndGet, FsyncMode.REDO, FlushObserver.NONE);
    }

    public MountOptions asReadOnly() {
        return new MountOptions(true, clock, fsyncMode, observer, threads);
    }

    public MountOptions withFsyncMode(FsyncMode mode) {
        return new MountOptions(readOnly, clock, mode, observer, threads);
    }

    public MountOptions withObserver(FlushObserver o) {
        return new MountOptions(readOnly, clock, fsyncMode, o, threads);
    }

    public MountOptions withClock(LongSupplier c) {
        return new MountOptions(readOnly, c, fsyncMode, observer, threads);
    }

    /** The same options for callers on several threads of a simulated kernel. */
    public MountOptions withThreads(HammerThreads t) {
        return new MountOptions(readOnly, clock, fsyncMode, observer, t);
    }
}
