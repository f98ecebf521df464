package org.odonata.tck;

/**
 * One property's outcome.
 *
 * @param property the property's name ({@code conservation}, {@code mutual-exclusion}, …)
 * @param verdict  pass, fail, not claimed or skipped
 * @param detail   what was checked when it passed, what went wrong when it failed, why when not checked
 */
public record PropertyResult(String property, Verdict verdict, String detail) {

    /** {@code PASS  conservation: 3 seeds × 2000 operations on laptop-4c8t}, as {@code tck:run} prints it. */
    public String line() {
        String tag = switch (verdict) {
            case PASS -> "PASS ";
            case FAIL -> "FAIL ";
            case NOT_CLAIMED -> "n/c  ";
            case SKIPPED -> "skip ";
        };
        return tag + " " + property + ": " + detail;
    }
}
