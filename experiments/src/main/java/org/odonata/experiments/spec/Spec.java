package org.odonata.experiments.spec;

import org.odonata.api.engine.VirtualDuration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of an experiment (the whole experiment when it sweeps nothing), every default filled in.
 *
 * @param point    the sweep assignment that made this point ({@code machine.cpus: 4}), empty without a sweep
 * @param variants the implementations compared; the first is the baseline
 * @param workloads the workload labels, in spec order (each variant carries its own, possibly overridden, copy)
 * @param trials   trials per variant and workload
 * @param seed     the base seed; trial {@code i} runs with {@code Seeds.trial(seed, i)}
 * @param warmup   virtual time run before measuring
 * @param measure  virtual time measured
 * @param events   timed events, by time
 * @param metrics  metric names or patterns ({@code lat.*}) shown in reports; empty for the default set
 * @param trace    the trial to record a trace of, or null
 * @param allowEjections whether a trial in which the kernel ejected an implementation still counts (it is
 *                 marked); otherwise it fails
 */
public record Spec(String name, Map<String, Object> point, List<Variant> variants, List<String> workloads,
        int trials, long seed, long warmup, long measure, List<TimedEvent> events, List<String> metrics,
        TraceRequest trace, boolean allowEjections) {

    public Spec {
        point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
        variants = List.copyOf(variants);
        workloads = List.copyOf(workloads);
        events = List.copyOf(events);
        metrics = List.copyOf(metrics);
    }

    /** A short, stable label of the sweep point: {@code machine.cpus=4}, or {@code -} without a sweep. */
    public String pointLabel() {
        if (point.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        point.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    public Variant variant(String variantName) {
        return variants.stream().filter(v -> v.name().equals(variantName)).findFirst().orElseThrow();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("point", point);
        m.put("trials", trials);
        m.put("seed", seed);
        m.put("warmup", VirtualDuration.format(warmup));
        m.put("measure", VirtualDuration.format(measure));
        m.put("events", events.stream().map(TimedEvent::toMap).toList());
        m.put("metrics", metrics);
        m.put("trace", trace == null ? "none" : trace.toMap());
        m.put("allowEjections", allowEjections);
        List<Map<String, Object>> vs = new java.util.ArrayList<>();
        for (Variant v : variants) {
            Map<String, Object> vm = v.toMap();
            vm.put("machine", v.machine().toMap());
            vm.put("workloads", v.workloads().stream().map(WorkloadSpec::toMap).toList());
            vs.add(vm);
        }
        m.put("variants", vs);
        return m;
    }
}
