package org.odonata.api.probe;

import java.util.Map;

import org.odonata.api.metric.Metric;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The probes of one run. A trial runs on one host thread, so each trial's share of the calls is what its thread
 * saw between {@link #beginTrial()} and {@link #endTrial()}.
 */
@ProviderType
public interface ProbeSession extends AutoCloseable {

    /** Starts counting, for a new trial, the calls the calling thread makes. */
    void beginTrial();

    /**
     * Stops counting for the calling thread's trial: each probe's aggregates as metrics ({@code probe.NAME.count},
     * and with {@code hist} {@code probe.NAME.lat_mean_ns}, {@code .lat_p99_ns}), each with its declaration.
     */
    Map<Metric, Double> endTrial();

    /** Removes the probes and restores the classes they were woven into. */
    @Override
    void close();
}
