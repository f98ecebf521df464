package org.odonata.experiments.stats;

/**
 * A variant against the baseline over one metric.
 *
 * @param test               how {@code pValue} was computed
 * @param n                  the pairs compared (paired tests) or the smaller sample (Welch)
 * @param difference         the variant's mean minus the baseline's, in the metric's unit
 * @param differenceLow      the interval of {@code difference} (paired t or Welch), NaN when undefined
 * @param differenceHigh     its upper end
 * @param relativeDifference {@code difference / |baseline mean|}, NaN when that is not meaningful
 * @param relativeNote       why the relative difference is n/a ({@code the baseline is 0 in every trial}), else empty
 * @param pValue             two-sided; NaN when the test is undefined
 * @param pNote              why the p-value is n/a ({@code fewer than 2 pairs}), else empty
 */
public record Comparison(TestKind test, int n, double difference, double differenceLow, double differenceHigh,
        double relativeDifference, String relativeNote, double pValue, String pNote) {

    private static final String BASELINE = "baseline";

    /** The baseline against itself. */
    public static Comparison baseline(TestKind test, int n) {
        return new Comparison(test, n, 0, Double.NaN, Double.NaN, 0, BASELINE, Double.NaN, BASELINE);
    }

    public boolean isBaseline() {
        return BASELINE.equals(relativeNote);
    }
}
