package org.odonata.experiments.run;

import org.HdrHistogram.Histogram;
import org.odonata.api.metric.Metric;

/** The summary metrics of one latency histogram: {@code lat.NAME.count|mean|p50|p90|p99|p999|max} in ns. */
final class Latency {

    private Latency() {
    }

    static void metrics(String name, Histogram h, MetricValues into) {
        String p = "lat." + name + ".";
        into.put(Metric.count(p + "count", "samples", name + " latencies recorded in the window"),
                h.getTotalCount());
        boolean empty = h.getTotalCount() == 0;
        into.put(Metric.duration(p + "mean", "mean " + name + " latency"), empty ? 0 : h.getMean());
        into.put(Metric.duration(p + "p50", "median " + name + " latency"),
                empty ? 0 : h.getValueAtPercentile(50));
        into.put(Metric.duration(p + "p90", "90th percentile " + name + " latency"),
                empty ? 0 : h.getValueAtPercentile(90));
        into.put(Metric.duration(p + "p99", "99th percentile " + name + " latency"),
                empty ? 0 : h.getValueAtPercentile(99));
        into.put(Metric.duration(p + "p999", "99.9th percentile " + name + " latency"),
                empty ? 0 : h.getValueAtPercentile(99.9));
        into.put(Metric.duration(p + "max", "largest " + name + " latency"), empty ? 0 : h.getMaxValue());
    }
}
