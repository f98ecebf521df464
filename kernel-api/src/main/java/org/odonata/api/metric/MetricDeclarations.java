package org.odonata.api.metric;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by whatever reports named figures (a {@code WorkloadRun}'s counters, a probe's aggregates) to
 * declare their kinds and units. A figure with no declaration is shown as a plain number.
 */
@ConsumerType
public interface MetricDeclarations {

    /** One declaration per figure, named as the figure is (a workload's counter {@code bytes}, not {@code wl.bytes}). */
    List<Metric> metrics();
}
