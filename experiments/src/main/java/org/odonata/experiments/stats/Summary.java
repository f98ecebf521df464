package org.odonata.experiments.stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.Variant;

/**
 * Per point, workload, metric and variant: the estimate over successful trials and the comparison with the
 * baseline variant. Metrics are those the trials reported, in the order they first appear. Cost: one pass
 * per metric over the results.
 */
public record Summary(List<MetricSummary> rows) {

    public Summary {
        rows = List.copyOf(rows);
    }

    public static Summary of(ExperimentRun run) {
        List<MetricSummary> rows = new ArrayList<>();
        for (int p = 0; p < run.config().points().size(); p++) {
            Spec point = run.config().points().get(p);
            for (String workload : point.workloads()) {
                int pi = p;
                List<TrialResult> here = run.results().stream()
                        .filter(r -> r.trial().pointIndex() == pi && r.trial().workload().label().equals(workload))
                        .toList();
                Set<String> metrics = new LinkedHashSet<>();
                here.forEach(r -> metrics.addAll(r.metrics().keySet()));
                Variant base = point.variants().get(0);
                for (String metric : metrics) {
                    double[] b = values(here, base.name(), metric);
                    for (Variant v : point.variants()) {
                        double[] x = values(here, v.name(), metric);
                        WelchComparison c = v == base ? new WelchComparison(0, Double.NaN)
                                : WelchComparison.of(b, x);
                        rows.add(new MetricSummary(point.pointLabel(), workload, v.name(), metric, Estimate.of(x), c));
                    }
                }
            }
        }
        return new Summary(rows);
    }

    public List<MetricSummary> select(String point, String workload, String metric) {
        return rows.stream().filter(r -> r.point().equals(point) && r.workload().equals(workload)
                && r.metric().equals(metric)).toList();
    }

    /** The metric names present, in first-appearance order. */
    public List<String> metrics() {
        return List.copyOf(rows.stream().map(MetricSummary::metric).collect(
                java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    private static double[] values(List<TrialResult> results, String variant, String metric) {
        return results.stream().filter(r -> r.ok() && r.trial().variant().name().equals(variant))
                .map(r -> r.metrics().get(metric)).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
    }
}
