package org.odonata.experiments.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One implementation choice under test. Its {@code parameters} are key-path overrides (as {@code --set}
 * takes them) of the machine and the workloads that apply to this variant only; {@code machine} and
 * {@code workloads} are the result. {@code vm} names the pageout policy of the kernel's VM, or is null: then the
 * kernel has a VM (with the reference policy) only when a workload needs one.
 */
public record Variant(String name, String sched, String sync, String vm, Map<String, Object> parameters,
        MachineConfig machine, List<WorkloadSpec> workloads) {

    public Variant {
        parameters = Map.copyOf(parameters);
        workloads = List.copyOf(workloads);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("sched", sched);
        m.put("sync", sync);
        if (vm != null) {
            m.put("vm", vm);
        }
        m.put("parameters", new java.util.TreeMap<>(parameters));
        return m;
    }
}
