package org.odonata.api.kern;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** A started workload: its own figures (operations done, latencies) as named counters. */
@ProviderType
public interface WorkloadRun {

    String name();

    /** Counters in a stable order, e.g. {@code round_trips}, {@code ops}. */
    Map<String, Long> counters();
}
