package org.odonata.hw.x86.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.topology.Topology;

/**
 * Named machines for experiments and tests. Each is a {@link TopologySpec}, so a preset can be written
 * out as an experiment's {@code machine:} section and tuned from there.
 */
public final class Presets {

    private static final Map<String, TopologySpec> SPECS = new LinkedHashMap<>();

    static {
        add(new TopologySpec("uniprocessor", 1, 1, 1, 1, 1, 4));
        add(new TopologySpec("smp-4", 1, 4, 1, 1, 1, 8));
        add(new TopologySpec("laptop-4c8t", 1, 4, 2, 1, 1, 16));
        add(new TopologySpec("server-2s32c64t", 2, 16, 2, 1, 1, 64));
        // Zen 3 "Milan": eight 8-core CCDs per socket, each with its own L3; NPS1 makes a socket one node
        add(new TopologySpec("epyc-2s128c256t", 2, 64, 2, 8, 1, 256));
    }

    private Presets() {
    }

    private static void add(TopologySpec spec) {
        SPECS.put(spec.name(), spec);
    }

    /** Preset names, smallest machine first. */
    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    /** @throws IllegalArgumentException listing the valid names when there is no such preset */
    public static TopologySpec spec(String name) {
        TopologySpec spec = SPECS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; valid: " + String.join(", ", names()));
        }
        return spec;
    }

    /** @throws IllegalArgumentException listing the valid names when there is no such preset */
    public static Topology topology(String name) {
        return spec(name).toTopology();
    }
}
