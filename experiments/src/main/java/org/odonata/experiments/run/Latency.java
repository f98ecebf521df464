package org.odonata.experiments.run;

import java.util.Map;

import org.HdrHistogram.Histogram;

/** The summary metrics of one latency histogram: {@code lat.NAME.count|mean|p50|p90|p99|p999|max} in ns. */
final class Latency {

    private Latency() {
    }

    static void metrics(String name, Histogram h, Map<String, Double> into) {
        String p = "lat." + name + ".";
        into.put(p + "count", (double) h.getTotalCount());
        boolean empty = h.getTotalCount() == 0;
        into.put(p + "mean", empty ? 0 : h.getMean());
        into.put(p + "p50", empty ? 0 : (double) h.getValueAtPercentile(50));
        into.put(p + "p90", empty ? 0 : (double) h.getValueAtPercentile(90));
        into.put(p + "p99", empty ? 0 : (double) h.getValueAtPercentile(99));
        into.put(p + "p999", empty ? 0 : (double) h.getValueAtPercentile(99.9));
        into.put(p + "max", empty ? 0 : (double) h.getMaxValue());
    }
}
