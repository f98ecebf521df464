package org.odonata.kern.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.odonata.api.kern.WorkloadRun;

/** A started workload's named counters, bumped by its simulated processes (all on the machine's host thread). */
final class Counters implements WorkloadRun {

    private final String name;
    private final String[] keys;
    final long[] values;

    Counters(String name, String... keys) {
        this.name = name;
        this.keys = keys.clone();
        this.values = new long[keys.length];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return name + " " + counters();
    }
}
