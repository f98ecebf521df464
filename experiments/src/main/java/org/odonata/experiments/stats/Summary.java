package org.odonata.experiments.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.Variant;
import org.odonata.experiments.units.MetricUnits;

/**
 * Per point, workload, metric and variant: the estimate over successful trials and the comparison with the
 * baseline variant, made as the run's {@link StatsChoice} says. Metrics are those the trials reported (probes'
 * aggregates included), in the order they first appear. Cost: one pass per metric over the results.
 */
public record Summary(List<MetricSummary> rows, StatsChoice choice, MetricUnits units) {

    public Summary {
        rows = List.copyOf(rows);
    }

    public static Summary of(ExperimentRun run) {
        return of(run, run.config().stats());
    }

    public static Summary of(ExperimentRun run, StatsChoice choice) {
        List<MetricSummary> rows = new ArrayList<>();
        MetricUnits units = run.units();
        for (int p = 0; p < run.config().points().size(); p++) {
            Spec point = run.config().points().get(p);
            for (String workload : point.workloads()) {
                int pi = p;
                List<TrialResult> here = run.results().stream()
                        .filter(r -> r.trial().pointIndex() == pi && r.trial().workload().label().equals(workload))
                        .toList();
                Set<String> metrics = new LinkedHashSet<>();
                here.forEach(r -> metrics.addAll(r.allMetrics().keySet()));
                Variant base = point.variants().get(0);
                for (String metric : metrics) {
                    Map<Long, Double> b = bySeed(here, base.name(), metric);
                    for (Variant v : point.variants()) {
                        Map<Long, Double> x = bySeed(here, v.name(), metric);
                        double[] values = x.values().stream().mapToDouble(Double::doubleValue).toArray();
                        Comparison c = v == base ? Comparison.baseline(choice.test(), values.length)
                                : Tests.compare(choice, b, x);
                        rows.add(new MetricSummary(point.pointLabel(), workload, v.name(), metric, units.of(workload, metric),
                                Estimate.of(values, choice.confidence()), c, List.copyOf(x.values())));
                    }
                }
            }
        }
        return new Summary(rows, choice, units);
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

    /** A variant's values of a metric by trial seed, in trial order (successful trials that reported it). */
    private static Map<Long, Double> bySeed(List<TrialResult> results, String variant, String metric) {
        Map<Long, Double> out = new LinkedHashMap<>();
        for (TrialResult r : results) {
            Double v = r.ok() && r.trial().variant().name().equals(variant) ? r.allMetrics().get(metric) : null;
            if (v != null) {
                out.put(r.trial().seed(), v);
            }
        }
        return out;
    }
}
