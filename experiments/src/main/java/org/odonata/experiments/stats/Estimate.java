package org.odonata.experiments.stats;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Mean, sample standard deviation and the confidence interval of the mean from Student's t distribution with
 * n-1 degrees of freedom (commons-math3). With one sample the interval is undefined (NaN).
 */
public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh) {

    /** At 95%. */
    public static Estimate of(double[] samples) {
        return of(samples, 0.95);
    }

    public static Estimate of(double[] samples, double confidence) {
        SummaryStatistics s = new SummaryStatistics();
        for (double x : samples) {
            s.addValue(x);
        }
        int n = (int) s.getN();
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (n == 1) {
            return new Estimate(1, s.getMean(), Double.NaN, Double.NaN, Double.NaN);
        }
        double half = Tests.tQuantile(confidence, n - 1) * s.getStandardDeviation() / Math.sqrt(n);
        return new Estimate(n, s.getMean(), s.getStandardDeviation(), s.getMean() - half, s.getMean() + half);
    }

    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }
}
