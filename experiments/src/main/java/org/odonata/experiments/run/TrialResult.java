package org.odonata.experiments.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What one trial measured, all in virtual time: named metrics in a stable order, latency histograms and the
 * kernel's digest; or why it failed. {@code hostNanos} is how long it took on the host, reported and never
 * digested. {@code trace} is the Chrome trace-event JSON of a traced trial, null otherwise; it is not digested
 * either (the kernel's digest already covers what happened).
 */
public record TrialResult(Trial trial, String failure, Map<String, Double> metrics,
        Map<String, Histogram> latencies, String kernelDigest, long hostNanos, byte[] trace) {

    public TrialResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        latencies = Collections.unmodifiableMap(new LinkedHashMap<>(latencies));
    }

    public static TrialResult failed(Trial trial, String reason, long hostNanos) {
        return new TrialResult(trial, reason, Map.of(), Map.of(), "", hostNanos, null);
    }

    public boolean ok() {
        return failure == null;
    }
}
