package org.odonata.experiments.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.odonata.api.kern.Fault;
import org.odonata.api.metric.Metric;

/**
 * What one trial measured, all in virtual time: named metrics in a stable order with their declarations, latency
 * histograms and the kernel's digest; or why it failed. {@code hostNanos} is how long it took on the host,
 * reported and never digested. {@code trace} is the Chrome trace-event JSON of a traced trial, null otherwise; it
 * is not digested either (the kernel's digest already covers what happened). {@code probes} are the aggregates of
 * the spec's probes: reported like metrics but never digested, so probes cannot change a run's digest. {@code
 * faults} are what the kernel recorded ({@code Kernel.faultReports()}), with stack traces and dumps; their
 * ejections mark the trial, and fail it unless the spec allows them.
 * A trial the user interrupted (Ctrl-C, SIGTERM) before it finished has the failure {@link #INTERRUPTED}: it is
 * neither a success nor a failure of the model.
 */
public record TrialResult(Trial trial, String failure, Map<String, Double> metrics,
        Map<String, Histogram> latencies, String kernelDigest, long hostNanos, byte[] trace,
        Map<String, Metric> declared, Map<String, Double> probes, List<Fault> faults) {

    /** The failure reason of a trial that was stopped, or never started, because the user interrupted the run. */
    public static final String INTERRUPTED = "interrupted before it finished";

    public TrialResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        latencies = Collections.unmodifiableMap(new LinkedHashMap<>(latencies));
        declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
        probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
        faults = List.copyOf(faults);
    }

    public static TrialResult failed(Trial trial, String reason, long hostNanos, List<Fault> faults) {
        return new TrialResult(trial, reason, Map.of(), Map.of(), "", hostNanos, null, Map.of(), Map.of(), faults);
    }

    /** How many times the kernel ejected an implementation during the trial. */
    public long ejections() {
        return faults.stream().filter(Fault::ejection).count();
    }

    public static TrialResult interrupted(Trial trial, long hostNanos) {
        return failed(trial, INTERRUPTED, hostNanos, List.of());
    }

    public boolean ok() {
        return failure == null;
    }

    /** Whether the trial failed on its own, as opposed to being interrupted by the user. */
    public boolean failed() {
        return failure != null && !failure.equals(INTERRUPTED);
    }

    public boolean interrupted() {
        return INTERRUPTED.equals(failure);
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
