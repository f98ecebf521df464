package org.odonata.api.fs;

import org.odonata.api.vfs.Errno;

/**
 * A filesystem operation failed with an errno the system call returns to its caller ({@code ENOSPC},
 * {@code ENOTEMPTY}, {@code EIO}, …). Carries no stack trace: it is an expected result, not a bug.
 */
public final class FsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public FsException(Errno errno) {
        this(errno, errno.name());
    }

    public FsException(Errno errno, String detail) {
        super(detail, null, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
