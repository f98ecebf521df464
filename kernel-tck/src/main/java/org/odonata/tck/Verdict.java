package org.odonata.tck;

/** How one property came out. */
public enum Verdict {
    PASS,
    FAIL,
    /** The implementation does not claim the property (work conservation, coexisting shared holders). */
    NOT_CLAIMED,
    /** The property needs something the run did not have (a kernel to boot); the reason says what. */
    SKIPPED
}
