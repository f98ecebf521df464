package org.odonata.experiments.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.odonata.api.kern.Fault;

/**
 * What one trial measured, all in virtual time: named metrics in a stable order, latency histograms and the
 * kernel's digest; or why it failed. {@code hostNanos} is how long it took on the host, reported and never
 * digested. {@code trace} is the Chrome trace-event JSON of a traced trial, null otherwise; it is not digested
 * either (the kernel's digest already covers what happened). {@code faults} are what the kernel recorded
 * ({@code Kernel.faultReports()}), with stack traces and dumps; their ejections mark the trial, and fail it unless
 * the spec allows them.
 */
public record TrialResult(Trial trial, String failure, Map<String, Double> metrics,
        Map<String, Histogram> latencies, String kernelDigest, long hostNanos, byte[] trace, List<Fault> faults) {

    public TrialResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        latencies = Collections.unmodifiableMap(new LinkedHashMap<>(latencies));
        faults = List.copyOf(faults);
    }

    public static TrialResult failed(Trial trial, String reason, long hostNanos, List<Fault> faults) {
        return new TrialResult(trial, reason, Map.of(), Map.of(), "", hostNanos, null, faults);
    }

    /** How many times the kernel ejected an implementation during the trial. */
    public long ejections() {
        return faults.stream().filter(Fault::ejection).count();
    }

    public boolean ok() {
        return failure == null;
    }
}
