package org.odonata.experiments.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.metric.Metric;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.units.MetricUnits;

/**
 * A finished run: the configuration, every trial's result in canonical order, the digest over them and how
 * the host ran it (threads, seconds), which the digest does not depend on. An interrupted run holds the trials
 * that finished and marks the others {@link TrialResult#interrupted()}.
 */
public record ExperimentRun(ResolvedConfig config, List<TrialResult> results, String digest, int threads,
        double hostSeconds, boolean interrupted) {

    public ExperimentRun {
        results = List.copyOf(results);
    }

    /** A run assembled from results made elsewhere (its shards), in canonical order; its digest is over them. */
    public static ExperimentRun of(ResolvedConfig config, List<TrialResult> results, int threads,
            double hostSeconds) {
        return new ExperimentRun(config, results, Digest.of(results), threads, hostSeconds, false);
    }

    /** Trials that failed on their own (not the ones the user interrupted). */
    public long failures() {
        return results.stream().filter(TrialResult::failed).count();
    }

    /** Trials that finished, successfully or not. */
    public long finished() {
        return results.stream().filter(r -> !r.interrupted()).count();
    }

    /** The declarations the trials made of their metrics, per workload, the first one of each name winning. */
    public MetricUnits units() {
        Map<String, Map<String, Metric>> all = new LinkedHashMap<>();
        results.forEach(r -> r.declared().forEach((name, m) -> all.computeIfAbsent(r.trial().workload().label(),
                k -> new LinkedHashMap<>()).putIfAbsent(name, m)));
        return new MetricUnits(all);
    }

    /** Implementations ejected across all trials. */
    public long ejections() {
        return results.stream().mapToLong(TrialResult::ejections).sum();
    }
}
