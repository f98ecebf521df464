package org.odonata.experiments.units;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricKind;

/**
 * The declaration of each metric of a run, by name. Metrics declare their unit where they are defined (the trial
 * runner's kernel figures, a workload's {@code MetricDeclarations}, a probe); a name nobody declared gets one
 * inferred from its suffix ({@code _ns} a duration, {@code _cycles} cycles, {@code _bytes} bytes, {@code .util}
 * a fraction, {@code lat.*.count} a count of samples, other {@code lat.*} durations) or else a unitless count,
 * and says so in its description.
 */
public final class MetricUnits {

    /** Marks a declaration this class inferred rather than read. */
    public static final String INFERRED = "(unit inferred from the name)";

    private final Map<String, Metric> declared;

    public MetricUnits(Map<String, Metric> declared) {
        this.declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }

    public static MetricUnits none() {
        return new MetricUnits(Map.of());
    }

    /** Every declaration read from the trials, in first-seen order. */
    public Map<String, Metric> declared() {
        return declared;
    }

    /** The declaration of {@code name}, or one inferred from it. */
    public Metric of(String name) {
        Metric m = declared.get(name);
        return m != null ? m : infer(name);
    }

    static Metric infer(String name) {
        String d = INFERRED;
        if (name.startsWith("lat.")) {
            return name.endsWith(".count") ? Metric.count(name, "samples", d) : Metric.duration(name, d);
        }
        if (name.endsWith("_ns") || name.endsWith(".ns")) {
            return Metric.duration(name, d);
        }
        if (name.endsWith("_cycles") || name.endsWith(".cycles")) {
            return Metric.cycles(name, d);
        }
        if (name.endsWith("_bytes") || name.endsWith(".bytes")) {
            return Metric.bytes(name, d);
        }
        if (name.endsWith(".util") || name.endsWith("_util") || name.endsWith("_ratio")) {
            return Metric.fraction(name, d);
        }
        return new Metric(name, MetricKind.COUNT, "", d);
    }
}
