package org.odonata.replay;

/** A call under the replayed directory that the replay cannot make: counted by {@link #what()} and named. */
final class Unsupported extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
        super(what, null, false, false);
    }

    /** The call and why, e.g. {@code "openat flag O_TMPFILE"}. */
    String what() {
        return getMessage();
    }
}
