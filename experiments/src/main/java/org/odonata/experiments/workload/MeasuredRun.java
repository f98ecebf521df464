package org.odonata.experiments.workload;

import java.util.Map;

import org.HdrHistogram.Histogram;
import org.odonata.api.kern.WorkloadRun;

/**
 * A started workload that also records latency distributions and names the counter its throughput is
 * measured by. The runner resets the histograms when warm-up ends.
 */
public interface MeasuredRun extends WorkloadRun {

    /** The counter whose increase per virtual second is the workload's throughput. */
    String throughputCounter();

    /** Latency histograms in virtual nanoseconds, by name ({@code wakeup}, {@code request}). */
    Map<String, Histogram> latencies();

    /** Forgets the latencies recorded so far (end of warm-up); counters keep counting. */
    void resetLatencies();
}
