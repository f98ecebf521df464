package org.odonata.api.kern;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A started workload: its own figures (operations done, latencies) as named counters. Implemented by workload
 * bundles, read by the shell and the experiment runner.
 */
@ConsumerType
public interface WorkloadRun {

    String name();

    /** Counters in a stable order, e.g. {@code round_trips}, {@code ops}. */
    Map<String, Long> counters();
}
