package org.odonata.experiments.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which one trial to record a Chrome/Perfetto trace of ({@code trace:} in a spec, {@code --trace} on
 * {@code exp:run}): trial {@code trial} of {@code variant} (default the baseline) on {@code workload} (default
 * the first) at the first sweep point. One trial, because a trace grows with every context switch.
 */
public record TraceRequest(int trial, String variant, String workload) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", trial);
        m.put("variant", variant);
        m.put("workload", workload);
        m.put("file", "trace.json");
        return m;
    }
}
