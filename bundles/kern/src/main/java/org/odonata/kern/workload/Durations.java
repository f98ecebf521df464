package org.odonata.kern.workload;

/** Durations as commands write them: a whole number with a unit, {@code 500ns}, {@code 20us}, {@code 10ms}, {@code 2s}. */
public final class Durations {

    private Durations() {
    }

    /**
     * @return nanoseconds
     * @throws IllegalArgumentException naming the text and the accepted form
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        long unit;
        String digits;
        if (t.endsWith("ns")) {
            unit = 1;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            unit = 1_000;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            unit = 1_000_000;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1_000_000_000;
            digits = t.substring(0, t.length() - 1);
        } else {
            throw malformed(text);
        }
        try {
            long v = Long.parseLong(digits);
            if (v < 0) {
                throw malformed(text);
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed(text);
        }
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("malformed duration '" + text
                + "': use a whole number with ns, us, ms or s, e.g. 10ms");
    }
}
