package org.odonata.fs.hammer.error;

/** The errno-like reasons a HAMMER operation fails, named as in DragonFly's errno.h. */
public enum Errno {
    /** No such file or directory. */
    ENOENT,
    /** File exists. */
    EEXIST,
    /** A path component is not a directory. */
    ENOTDIR,
    /** Is a directory. */
    EISDIR,
    /** Directory not empty. */
    ENOTEMPTY,
    /** Read-only: a read-only mount or an as-of (historical) view. */
    EROFS,
    /** Invalid argument, e.g. renaming a directory into itself. */
    EINVAL,
    /** Operation not permitted, e.g. a hard link to a directory. */
    EPERM,
    /** Device or resource busy, e.g. removing the root directory. */
    EBUSY,
    /** No space left on the volume or in the UNDO FIFO. */
    ENOSPC,
    /** File name too long. */
    ENAMETOOLONG,
    /** File too large: an offset or size past the largest file HAMMER can address. */
    EFBIG,
    /** Cross-device link: a hard link or rename between two PFSs (hammer_vop_nlink, hammer_vop_nrename). */
    EXDEV,
    /** I/O error: the volume is corrupt. */
    EIO
}
