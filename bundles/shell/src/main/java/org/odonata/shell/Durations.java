package org.odonata.shell;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Virtual durations as users type them: {@code 10s}, {@code 250ms}, {@code 50us}, {@code 1000ns}, {@code 2m}. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m)");

    private Durations() {
    }

    static long parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed duration '" + text
                    + "'; expected a number and a unit: ns, us, ms, s or m (e.g. 250ms, 10s)");
        }
        double v = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
        };
        return Math.round(v * unit);
    }

    static String format(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        if (nanos >= 1_000L) {
            return String.format(Locale.ROOT, "%.3f us", nanos / 1e3);
        }
        return nanos + " ns";
    }
}
