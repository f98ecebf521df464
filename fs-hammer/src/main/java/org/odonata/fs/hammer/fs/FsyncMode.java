package org.odonata.fs.hammer.fs;

/**
 * vfs.hammer.fsync_mode. The default, {@link #REDO}, differs from DragonFly's mode 3 in one way: the REDO
 * records are written with FUA instead of waiting for the next device flush, so fsync'd data is durable
 * when fsync returns even on a device with a volatile write cache.
 */
public enum FsyncMode {
    /** 0: full sync (flush and commit) without REDO. */
    FULL_SYNC,
    /** 1: flush without waiting for the commit, without REDO: durable only after the next flush cycle. */
    RELAXED,
    /** 2: REDO records followed by a device flush. */
    REDO_FLUSH,
    /** 3: REDO records written with FUA (see the class comment). */
    REDO,
    /** 4: fsync does nothing. */
    IGNORE
}
