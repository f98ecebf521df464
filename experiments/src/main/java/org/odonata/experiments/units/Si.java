package org.odonata.experiments.units;

import java.util.Locale;

import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricKind;

/**
 * Values as a paper prints them: SI-scaled with the metric's unit and a precision that follows the interval.
 * The mean gets three significant digits, or more when the interval is narrow enough to justify them (the
 * half-width keeps two significant digits, at most three digits past the mean's own); both use the mean's
 * scale: {@code 17.7 M msg/s ± 4.0 M}, {@code 0.805 ± 0.092}, {@code 42.1 µs ± 3.3}. Durations (stored in ns)
 * scale to ns, µs, ms and s; fractions are not scaled; everything else takes SI prefixes k, M, G, T, P.
 */
public final class Si {

    private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] TIME = {"ns", "µs", "ms", "s"};

    private Si() {
    }

    /**
     * How a metric's values around some magnitude are scaled: divide by {@code divisor}, then append {@code unit};
     * {@code repeat} is what an interval's half-width repeats of it ({@code M} of {@code M msg/s}, all of {@code µs}).
     */
    public record Scale(double divisor, String unit, String repeat) {

        /** The unit with a leading space, or nothing for a unitless value. */
        public String suffix() {
            return unit.isEmpty() ? "" : " " + unit;
        }
    }

    /** The scale for values of {@code m} around {@code magnitude} (in the raw unit). */
    public static Scale scale(Metric m, double magnitude) {
        double a = Math.abs(magnitude);
        if (m.kind() == MetricKind.FRACTION) {
            return new Scale(1, m.unit(), "");
        }
        if (m.kind() == MetricKind.DURATION) {
            int i = 0;
            double d = 1;
            while (i < TIME.length - 1 && a >= d * 1000) {
                d *= 1000;
                i++;
            }
            return new Scale(d, TIME[i], TIME[i]);
        }
        int i = 0;
        double d = 1;
        while (i < PREFIXES.length - 1 && a >= d * 1000) {
            d *= 1000;
            i++;
        }
        String p = PREFIXES[i];
        String u = m.unit();
        if (u.equals("B")) {
            return new Scale(d, p + u, p + u);
        }
        return new Scale(d, p.isEmpty() ? u : u.isEmpty() ? p : p + " " + u, p);
    }

    /** One value: {@code 42.1 µs}, {@code 17.7 M msg/s}, {@code 0.805}. */
    public static String value(Metric m, double v) {
        return estimate(m, v, Double.NaN);
    }

    /**
     * A mean and the half-width of its interval, in the mean's scale: {@code 17.7 M msg/s ± 4.0 M}; the
     * half-width is left out when it is NaN (a single trial).
     */
    public static String estimate(Metric m, double mean, double halfWidth) {
        if (Double.isNaN(mean)) {
            return "–";
        }
        if (Double.isInfinite(mean)) {
            return mean > 0 ? "∞" : "−∞";
        }
        Scale s = scale(m, mean == 0 && !Double.isNaN(halfWidth) ? halfWidth : mean);
        double v = mean / s.divisor();
        boolean hasHw = !Double.isNaN(halfWidth) && Double.isFinite(halfWidth);
        double h = hasHw ? halfWidth / s.divisor() : 0;
        int decimals = decimals(v, hasHw ? h : Double.NaN, s.divisor() == 1 && m.kind() != MetricKind.FRACTION);
        String out = fixed(v, decimals) + s.suffix();
        if (hasHw) {
            out += " ± " + (h == 0 ? "0" : fixed(h, decimals)) + (s.repeat().isEmpty() ? "" : " " + s.repeat());
        }
        return out;
    }

    /** Digits after the point: three significant for the mean, more for a narrow interval (up to three more). */
    static int decimals(double v, double h, boolean integralAllowed) {
        if (integralAllowed && v == Math.rint(v) && (Double.isNaN(h) || h == 0 || h == Math.rint(h) && h >= 10)) {
            return 0;
        }
        int dm = v == 0 ? 2 : Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        if (Double.isNaN(h) || h == 0) {
            return dm;
        }
        int dh = Math.max(0, 1 - (int) Math.floor(Math.log10(h)));
        return Math.min(Math.max(dm, dh), dm + 3);
    }

    private static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    /** A relative difference as a signed percentage with sensible digits: {@code +17.9%}, {@code −0.04%}. */
    public static String percent(double rel) {
        double p = rel * 100;
        double a = Math.abs(p);
        String s = a >= 100 ? String.format(Locale.ROOT, "%.0f", a) : a >= 0.1 || a == 0
                ? String.format(Locale.ROOT, "%.1f", a)
                : new java.math.BigDecimal(a).round(new java.math.MathContext(2)).toPlainString();
        return (p < 0 ? "−" : "+") + s + "%";
    }

    /**
     * A p-value as papers print it: three decimals ({@code p = 0.086}), two significant digits below 0.01
     * ({@code p = 0.0034}), and {@code p < 0.001} below that.
     */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "p n/a";
        }
        if (p < 0.001) {
            return "p < 0.001";
        }
        if (p < 0.01) {
            return String.format(Locale.ROOT, "p = %.2g", p);
        }
        return String.format(Locale.ROOT, "p = %.3f", Math.min(1, p));
    }
}
