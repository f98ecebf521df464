package org.odonata.experiments.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.probe.ProbeRequest;
import org.odonata.experiments.stats.StatsChoice;

/**
 * An experiment as it will run: the spec file and its overrides, and one fully resolved {@link Spec} per
 * sweep point. {@link #toMap()} is what {@code config.json} records, enough to run it again.
 *
 * @param sets          the {@code --set key=value} overrides, in order
 * @param sweep         the swept key paths and their values, in spec order
 * @param zipped        the swept keys that vary together ({@code sweep: {zip: {…}}}), in spec order
 * @param stats         the comparison test and confidence level
 * @param allowFailures the spec's {@code allowFailures}: a run with some failed trials still succeeds (one where
 *                      every trial failed never does)
 * @param probes        the dynamic probes every trial counts its calls of ({@code probes:}), in spec order
 */
public record ResolvedConfig(String name, String description, Path source, List<String> sets,
        Map<String, List<Object>> sweep, List<String> zipped, List<Spec> points, StatsChoice stats,
        boolean allowFailures, List<ProbeRequest> probes) {

    public ResolvedConfig {
        sets = List.copyOf(sets);
        sweep = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sweep));
        zipped = List.copyOf(zipped);
        probes = List.copyOf(probes);
        points = List.copyOf(points);
    }

    /** Trials in the whole run: points × variants × workloads × trials. */
    public int trialCount() {
        return points.stream().mapToInt(p -> p.variants().size() * p.workloads().size() * p.trials()).sum();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("spec", source == null ? "n/a" : source.toString());
        m.put("set", sets);
        m.put("sweep", sweep);
        m.put("zipped", zipped);
        m.put("stats", stats.toMap());
        m.put("allowFailures", allowFailures);
        m.put("probes", probes.stream().map(p -> Map.of("name", p.name(), "target", p.target(), "kinds", p.kinds(),
                "filter", p.filter())).toList());
        m.put("points", points.stream().map(Spec::toMap).toList());
        return m;
    }
}
