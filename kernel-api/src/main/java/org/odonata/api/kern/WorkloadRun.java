package org.odonata.api.kern;

import java.util.List;
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

    /**
     * What the user should know about this run before trusting it, one sentence each: what the workload accepted
     * but does not model, or a hazard in its input (two tasks that can deadlock). Shown when the run starts.
     */
    default List<String> notes() {
        return List.of();
    }
}
