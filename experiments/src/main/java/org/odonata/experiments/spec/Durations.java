package org.odonata.experiments.spec;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Virtual-time durations as specs and commands write them: a number and a unit ({@code ns}, {@code us},
 * {@code ms}, {@code s}), e.g. {@code 200ms}, {@code 1.5s}. Exact: decimal arithmetic, whole nanoseconds.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException saying what a duration looks like
     */
    public static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        String number;
        if (t.endsWith("ns")) {
            unit = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            unit = 1_000;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            unit = 1_000_000;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1_000_000_000;
            number = t.substring(0, t.length() - 1);
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a duration: expected a number and a unit "
                    + "(ns, us, ms, s), e.g. 200ms or 1.5s");
        }
        try {
            BigDecimal nanos = new BigDecimal(number.trim()).multiply(BigDecimal.valueOf(unit));
            if (nanos.signum() < 0) {
                throw new IllegalArgumentException("'" + text + "' is negative: durations are at least 0");
            }
            return nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: expected a number and a unit "
                    + "(ns, us, ms, s), e.g. 200ms or 1.5s");
        }
    }

    /** The shortest exact form: {@code 1.5s}, {@code 200ms}, {@code 17ns}. */
    public static String format(long nanos) {
        long[] units = {1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"s", "ms", "us", "ns"};
        for (int i = 0; i < units.length; i++) {
            if (nanos >= units[i] || i == units.length - 1) {
                BigDecimal v = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(units[i]));
                return v.stripTrailingZeros().toPlainString() + names[i];
            }
        }
        throw new AssertionError();
    }
}
