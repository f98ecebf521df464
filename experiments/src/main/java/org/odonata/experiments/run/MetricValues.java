package org.odonata.experiments.run;

import java.util.LinkedHashMap;
import java.util.Map;

import org.odonata.api.metric.Metric;

/** A trial's metrics as they are measured: each value under its declaration, in the order they were put. */
final class MetricValues {

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, Metric> declared = new LinkedHashMap<>();

    void put(Metric metric, double value) {
        values.put(metric.name(), value);
        declared.put(metric.name(), metric);
    }

    Map<String, Double> values() {
        return values;
    }

    Map<String, Metric> declared() {
        return declared;
    }
}
