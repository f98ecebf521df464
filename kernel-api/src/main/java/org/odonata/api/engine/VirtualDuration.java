package org.odonata.api.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A span of virtual time as commands, specs and workloads write it: a number and a unit ({@code ns}, {@code us},
 * {@code ms}, {@code s}), e.g. {@code 200ms}, {@code 1.5s}. Parsing is exact (decimal arithmetic, whole
 * nanoseconds).
 *
 * @param nanos the span in nanoseconds, never negative
 */
public record VirtualDuration(long nanos) {

    private static final long[] UNITS = {1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] NAMES = {"s", "ms", "us", "ns"};

    public VirtualDuration {
        if (nanos < 0) {
            throw new IllegalArgumentException("a duration is at least 0 ns, was " + nanos);
        }
    }

    /**
     * @throws IllegalArgumentException quoting the text and saying what a duration looks like
     */
    public static VirtualDuration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        // two-letter units first: "ms" also ends with "s"
        for (int i : new int[] {3, 2, 1, 0}) {
            if (t.endsWith(NAMES[i])) {
                try {
                    BigDecimal n = new BigDecimal(t.substring(0, t.length() - NAMES[i].length()).trim())
                            .multiply(BigDecimal.valueOf(UNITS[i]));
                    if (n.signum() >= 0) {
                        return new VirtualDuration(n.setScale(0, RoundingMode.HALF_UP).longValueExact());
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    // reported below with the accepted form
                }
                break;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: expected a number and a unit "
                + "(ns, us, ms, s), e.g. 200ms or 1.5s");
    }

    /** The shortest exact form: {@code 1.5s}, {@code 200ms}, {@code 17ns}. */
    public static String format(long nanos) {
        for (int i = 0; i < UNITS.length; i++) {
            if (nanos >= UNITS[i] || i == UNITS.length - 1) {
                return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(UNITS[i])).stripTrailingZeros()
                        .toPlainString() + NAMES[i];
            }
        }
        throw new AssertionError("unreachable: the last unit accepts every value");
    }

    @Override
    public String toString() {
        return format(nanos);
    }
}
