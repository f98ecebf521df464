package org.odonata.experiments.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The comparisons of {@link TestKind}, checked against scipy on committed numbers ({@code StatsAgainstScipyTest}).
 * Paired tests pair trials by seed: only seeds both sides completed count. Every p-value is two-sided.
 */
public final class Tests {

    /** Up to this many non-zero differences, the sign-flip test enumerates all 2^n sign assignments. */
    public static final int EXACT_FLIPS_MAX = 24;
    /** Why neither a difference nor a p-value is shown: both sides are 0 in every trial. */
    public static final String BOTH_ZERO = "0 in every trial of both";
    /** Why a paired test has no p-value: every pair is equal (the variants ran identically). */
    public static final String IDENTICAL = "identical in every pair";
    private static final int RANDOM_FLIPS = 1 << 20;
    private static final long FLIP_SEED = 0x5EEDL;

    private Tests() {
    }

    /**
     * @param baseline the baseline's values by seed
     * @param other    the variant's values by seed
     */
    public static Comparison compare(StatsChoice choice, Map<Long, Double> baseline, Map<Long, Double> other) {
        double[] b = values(baseline.values());
        double[] x = values(other.values());
        double mb = mean(b);
        double mx = mean(x);
        String note = "";
        double rel = Double.NaN;
        if (b.length == 0 || x.length == 0) {
            note = "no completed trials on one side";
        } else if (allZero(b) && allZero(x)) {
            note = BOTH_ZERO;
        } else if (allZero(b)) {
            note = "the baseline is 0 in every trial";
        } else if (allZero(x)) {
            note = "0 in every trial of this variant";
        } else if (mb == 0) {
            note = "the baseline's mean is 0";
        } else {
            rel = (mx - mb) / Math.abs(mb);
        }
        if (!choice.test().paired()) {
            return welch(choice, b, x, rel, note);
        }
        List<double[]> pairs = new ArrayList<>();
        baseline.forEach((seed, vb) -> {
            Double vx = other.get(seed);
            if (vx != null) {
                pairs.add(new double[] {vb, vx});
            }
        });
        double[] d = pairs.stream().mapToDouble(p -> p[1] - p[0]).toArray();
        double md = mean(d);
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (d.length >= 2) {
            double half = tQuantile(choice.confidence(), d.length - 1) * Math.sqrt(variance(d) / d.length);
            lo = md - half;
            hi = md + half;
        }
        double p = Double.NaN;
        String why = "";
        if (d.length < 2) {
            why = "fewer than 2 pairs";
        } else if (allZero(d)) {
            why = IDENTICAL;
        } else {
            p = switch (choice.test()) {
                case PAIRED_T -> pairedT(d);
                case WILCOXON -> wilcoxon(d);
                case PERMUTATION -> signFlip(d);
                case WELCH -> throw new AssertionError();
            };
            if (Double.isNaN(p)) {
                why = "the same difference in every pair";
            }
        }
        return new Comparison(choice.test(), d.length, md, lo, hi, rel, note, p, why);
    }

    private static Comparison welch(StatsChoice choice, double[] b, double[] x, double rel, String note) {
        double diff = mean(x) - mean(b);
        double lo = Double.NaN;
        double hi = Double.NaN;
        double p = Double.NaN;
        String why = "";
        if (b.length < 2 || x.length < 2) {
            why = "fewer than 2 trials on one side";
        } else if (variance(b) == 0 && variance(x) == 0) {
            why = "neither side varies";
        } else {
            p = new TTest().tTest(b, x);
            double vb = variance(b) / b.length;
            double vx = variance(x) / x.length;
            double df = (vb + vx) * (vb + vx) / (vb * vb / (b.length - 1) + vx * vx / (x.length - 1));
            double half = tQuantile(choice.confidence(), df) * Math.sqrt(vb + vx);
            lo = diff - half;
            hi = diff + half;
        }
        return new Comparison(TestKind.WELCH, Math.min(b.length, x.length), diff, lo, hi, rel, note, p, why);
    }

    /** Two-sided p of Student's t on the differences; NaN when they do not vary. */
    static double pairedT(double[] d) {
        double sd = Math.sqrt(variance(d));
        if (sd == 0) {
            return Double.NaN;
        }
        double t = mean(d) / (sd / Math.sqrt(d.length));
        return 2 * new TDistribution(d.length - 1).cumulativeProbability(-Math.abs(t));
    }

    /**
     * Two-sided exact p of the signed-rank sum: zero differences are dropped (scipy's {@code zero_method="wilcox"}),
     * tied magnitudes get their average rank, and the null distribution of the positive-rank sum over all 2^n
     * sign assignments is computed exactly (on doubled ranks, which are integers even with ties).
     */
    static double wilcoxon(double[] d) {
        double[] nz = Arrays.stream(d).filter(v -> v != 0).toArray();
        if (nz.length == 0) {
            return Double.NaN;
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE)
                .rank(Arrays.stream(nz).map(Math::abs).toArray());
        int[] r2 = Arrays.stream(ranks).mapToInt(r -> (int) Math.round(2 * r)).toArray();
        int total = Arrays.stream(r2).sum();
        int observed = 0;
        for (int i = 0; i < nz.length; i++) {
            if (nz[i] > 0) {
                observed += r2[i];
            }
        }
        double[] prob = new double[total + 1];
        prob[0] = 1;
        int reach = 0;
        for (int r : r2) {
            reach += r;
            for (int s = reach; s >= 0; s--) {
                prob[s] = 0.5 * prob[s] + (s >= r ? 0.5 * prob[s - r] : 0);
            }
        }
        double cdf = 0;
        double sf = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= observed) {
                cdf += prob[s];
            }
            if (s >= observed) {
                sf += prob[s];
            }
        }
        return Math.min(1, 2 * Math.min(cdf, sf));
    }

    /**
     * Two-sided p of the sign-flip permutation test: the share of sign assignments whose sum is at least as far
     * from 0 as the observed one. Exact (all 2^n assignments, in Gray-code order) up to {@link #EXACT_FLIPS_MAX}
     * non-zero differences; beyond, 2^20 assignments drawn from a fixed seed, {@code (hits + 1) / (draws + 1)}.
     */
    static double signFlip(double[] d) {
        double[] nz = Arrays.stream(d).filter(v -> v != 0).toArray();
        int n = nz.length;
        if (n == 0) {
            return 1;
        }
        double observed = Math.abs(Arrays.stream(nz).sum());
        double tolerance = 1e-12 * Arrays.stream(nz).map(Math::abs).sum();
        if (n <= EXACT_FLIPS_MAX) {
            boolean[] negative = new boolean[n];
            double sum = Arrays.stream(nz).sum();
            long hits = Math.abs(sum) >= observed - tolerance ? 1 : 0;
            long all = 1L << n;
            for (long k = 1; k < all; k++) {
                int bit = Long.numberOfTrailingZeros(k);
                sum += negative[bit] ? 2 * nz[bit] : -2 * nz[bit];
                negative[bit] = !negative[bit];
                if (Math.abs(sum) >= observed - tolerance) {
                    hits++;
                }
            }
            return (double) hits / all;
        }
        SplittableRandom random = new SplittableRandom(FLIP_SEED);
        long hits = 0;
        for (int k = 0; k < RANDOM_FLIPS; k++) {
            double sum = 0;
            for (double v : nz) {
                sum += random.nextBoolean() ? v : -v;
            }
            if (Math.abs(sum) >= observed - tolerance) {
                hits++;
            }
        }
        return (hits + 1.0) / (RANDOM_FLIPS + 1.0);
    }

    /** The two-sided quantile of Student's t with {@code df} degrees of freedom for a confidence level. */
    static double tQuantile(double confidence, double df) {
        return new TDistribution(df).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    private static double[] values(java.util.Collection<Double> c) {
        return c.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    static double variance(double[] x) {
        return new Variance().evaluate(x);
    }

    private static boolean allZero(double[] x) {
        return Arrays.stream(x).allMatch(v -> v == 0);
    }
}
