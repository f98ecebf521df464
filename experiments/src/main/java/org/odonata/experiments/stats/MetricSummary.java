package org.odonata.experiments.stats;

import java.util.List;

import org.odonata.api.metric.Metric;

/**
 * One metric of one variant on one workload at one sweep point, over its successful trials, compared with
 * the baseline variant (the first).
 *
 * @param unit    the metric's declaration (kind and unit)
 * @param samples the trials' values in trial order, for charts that show every trial
 */
public record MetricSummary(String point, String workload, String variant, String metric, Metric unit,
        Estimate estimate, Comparison vsBaseline, List<Double> samples) {

    public MetricSummary {
        samples = List.copyOf(samples);
    }
}
