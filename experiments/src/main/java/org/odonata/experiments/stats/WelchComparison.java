package org.odonata.experiments.stats;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * A variant against the baseline: the relative difference of the means and the two-sided p-value of
 * Welch's t-test (unequal variances; commons-math3's {@code TTest.tTest}). The p-value is NaN when either
 * side has fewer than two samples or both have no variance (the test is then undefined, not significant).
 */
public record WelchComparison(double relativeDifference, double pValue) {

    public static WelchComparison of(double[] baseline, double[] other) {
        double mb = mean(baseline);
        double mo = mean(other);
        double rel = mb == 0 ? (mo == 0 ? 0 : Double.NaN) : (mo - mb) / Math.abs(mb);
        double p = Double.NaN;
        if (baseline.length >= 2 && other.length >= 2 && (variance(baseline) > 0 || variance(other) > 0)) {
            p = new TTest().tTest(baseline, other);
        }
        return new WelchComparison(rel, p);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    private static double variance(double[] x) {
        return new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(x);
    }
}
