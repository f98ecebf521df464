package org.odonata.fs.hammer.error;

/** A failed HAMMER operation: the errno-like reason and the path or object it concerns (escaped for a terminal). */
public class HammerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public HammerException(Errno errno, String what) {
        super(Printable.escape(what) + ": " + errno);
        this.errno = errno;
    }

    /** A failure with a complete message (escaped here) and its cause. */
    public HammerException(Errno errno, String message, Throwable cause) {
        super(Printable.escape(message), cause);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
