package org.odonata.api.memory;

/** MESI states of a line in one CPU's cache (E and M are merged: the owner may write without a transfer). */
public enum LineState {
    /** This CPU owns the line exclusively and may write it. */
    MODIFIED,
    /** This CPU holds a read-only copy; others may too. */
    SHARED,
    /** This CPU holds no copy. */
    INVALID
}
