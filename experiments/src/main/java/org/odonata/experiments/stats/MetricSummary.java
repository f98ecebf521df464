package org.odonata.experiments.stats;

/**
 * One metric of one variant on one workload at one sweep point, over its successful trials, compared with
 * the baseline variant (the first); the baseline's own comparison is {@code 0, NaN}.
 */
public record MetricSummary(String point, String workload, String variant, String metric, Estimate estimate,
        WelchComparison vsBaseline) {
}
