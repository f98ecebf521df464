package org.odonata.experiments.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workload of an experiment.
 *
 * @param label      the name it goes by in results and key paths ({@code name:}, default its type)
 * @param type       the Workload service name
 * @param parameters every declared parameter with its value (defaults filled in), empty for free-form types
 * @param args       the words passed to {@code Workload.start}: rt-app's file first, then {@code key=value}
 */
public record WorkloadSpec(String label, String type, Map<String, Object> parameters, List<String> args) {

    public WorkloadSpec {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        args = List.copyOf(args);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", label);
        m.put("type", type);
        m.put("parameters", parameters);
        m.put("args", args);
        return m;
    }
}
