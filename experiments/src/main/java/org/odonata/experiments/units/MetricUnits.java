package org.odonata.experiments.units;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricKind;

/**
 * The declaration of each metric of a run, by workload and name (a workload's throughput is msg/s for hackbench,
 * loops/s for tokenscale). Metrics declare their unit where they are defined (the trial runner's kernel figures,
 * a workload's {@code MetricDeclarations}, a probe); a name nobody declared gets one inferred from its suffix
 * ({@code _ns} a duration, {@code _cycles} cycles, {@code _bytes} bytes, {@code .util} a fraction,
 * {@code lat.*.count} a count of samples, other {@code lat.*} durations) or else a unitless count, and says so in
 * its description.
 */
public final class MetricUnits {

    /** Marks a declaration this class inferred rather than read. */
    public static final String INFERRED = "(unit inferred from the name)";

    private final Map<String, Map<String, Metric>> declared;

    /** @param declared workload label → metric name → declaration */
    public MetricUnits(Map<String, Map<String, Metric>> declared) {
        Map<String, Map<String, Metric>> copy = new LinkedHashMap<>();
        declared.forEach((w, m) -> copy.put(w, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        this.declared = Collections.unmodifiableMap(copy);
    }

    public static MetricUnits none() {
        return new MetricUnits(Map.of());
    }

    /** Every declaration read from the trials: workload label → metric name → declaration, in first-seen order. */
    public Map<String, Map<String, Metric>> declared() {
        return declared;
    }

    /** The declaration of {@code name} on {@code workload}, or one inferred from the name. */
    public Metric of(String workload, String name) {
        Metric m = declared.getOrDefault(workload, Map.of()).get(name);
        return m != null ? m : infer(name);
    }

    /**
     * One declaration for a column that spans workloads (trials.csv): the workloads' own when they agree, else
     * the kind with its common unit ({@code 1/s} for rates whose nouns differ, none for counts).
     */
    public Metric common(String name) {
        Metric first = null;
        for (Map<String, Metric> m : declared.values()) {
            Metric x = m.get(name);
            if (x == null) {
                continue;
            }
            if (first == null) {
                first = x;
            } else if (!first.unit().equals(x.unit()) || first.kind() != x.kind()) {
                String unit = first.kind() == x.kind() && first.kind() == MetricKind.RATE ? "1/s"
                        : first.kind() == x.kind() && first.kind() != MetricKind.COUNT ? first.unit() : "";
                return new Metric(name, first.kind() == x.kind() ? first.kind() : MetricKind.COUNT, unit,
                        "differs by workload");
            }
        }
        return first != null ? first : infer(name);
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
