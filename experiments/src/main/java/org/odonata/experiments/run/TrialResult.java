package org.odonata.experiments.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.odonata.api.metric.Metric;

/**
 * What one trial measured, all in virtual time: named metrics in a stable order with their declarations, latency
 * histograms and the kernel's digest; or why it failed. {@code hostNanos} is how long it took on the host,
 * reported and never digested. {@code trace} is the Chrome trace-event JSON of a traced trial, null otherwise; it
 * is not digested either (the kernel's digest already covers what happened). {@code probes} are the aggregates of
 * the spec's probes: reported like metrics but never digested, so probes cannot change a run's digest.
 */
public record TrialResult(Trial trial, String failure, Map<String, Double> metrics,
        Map<String, Histogram> latencies, String kernelDigest, long hostNanos, byte[] trace,
        Map<String, Metric> declared, Map<String, Double> probes) {

    public TrialResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        latencies = Collections.unmodifiableMap(new LinkedHashMap<>(latencies));
        declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
        probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    }

    public static TrialResult failed(Trial trial, String reason, long hostNanos) {
        return new TrialResult(trial, reason, Map.of(), Map.of(), "", hostNanos, null, Map.of(), Map.of());
    }

    public boolean ok() {
        return failure == null;
    }

    /** The metrics, then the probes' aggregates: everything reports show. */
    public Map<String, Double> allMetrics() {
        if (probes.isEmpty()) {
            return metrics;
        }
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        all.putAll(probes);
        return Collections.unmodifiableMap(all);
    }
}
