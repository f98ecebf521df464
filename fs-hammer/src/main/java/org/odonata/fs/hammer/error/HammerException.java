package org.odonata.fs.hammer.error;

/** A failed HAMMER operation: the errno-like reason and the path or object it concerns. */
public class HammerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public HammerException(Errno errno, String what) {
        super(what + ": " + errno);
        this.errno = errno;
    }

    protected HammerException(Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
