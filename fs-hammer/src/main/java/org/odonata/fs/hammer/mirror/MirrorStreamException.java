package org.odonata.fs.hammer.mirror;

import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;

/** A mirror stream that is truncated, corrupt, out of order or meant for another PFS: what, and at which byte. */
public final class MirrorStreamException extends HammerException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    public MirrorStreamException(long offset, String what) {
        super(Errno.EINVAL, "mirror stream rejected at byte " + offset + ": " + what, null);
        this.offset = offset;
    }

    /** The stream byte the fault was found at. */
    public long offset() {
        return offset;
    }
}
