package org.odonata.experiments.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code machine:} section with every default filled in. Exactly one of {@code preset},
 * {@code topologyFile} and {@code inline} is set.
 *
 * @param preset       a TopologySource preset name, or null
 * @param topologyFile an hwloc XML file or sysfs directory (resolved against the spec's folder), or null
 * @param inline       a symmetric topology (packages, coresPerPackage, …, every key present), or null
 * @param costs        every CostModel field by name, overrides applied
 * @param sysctl       every kernel tunable by name, overrides applied (set right after boot)
 * @param seed         a fixed machine seed for every trial, or null to use each trial's seed
 * @param engine       {@code continuation} or {@code virtual}
 * @param mem          physical memory in bytes, split evenly over the nodes, or null for the topology's own
 * @param swap         bytes of the swap disk {@code swap0}, 0 for none, null for the default (1G when the kernel
 *                     has a VM, else none)
 * @param disks        memory-backed NVMe disks the machine has ({@code nvme0}, {@code nvme1}, …)
 * @param rootfs       the root filesystem's type ({@code tmpfs}, {@code hammer} on {@code nvme0}, made at boot)
 * @param costsProfile the cost profile {@code costs} were loaded from ({@code machine.costs.profile}), or null
 * @param vkernel      the guest the workloads run in, as a vkernel of this machine's kernel, or null for none
 */
public record MachineConfig(String preset, Path topologyFile, Map<String, Long> inline, Map<String, Long> costs,
        Map<String, Long> sysctl, Long seed, String engine, Long mem, Long swap, int disks, String rootfs,
        Path costsProfile, Guest vkernel) {

    /**
     * {@code machine.vkernel}: the variant's kernel boots as a guest with {@code cpus} vCPU LWPs and {@code mem} bytes
     * in a process of a host kernel (reference scheduler and tokens) on the machine.
     */
    public record Guest(int cpus, long mem) {
    }

    public MachineConfig {
        inline = inline == null ? null : Map.copyOf(inline);
        costs = Map.copyOf(costs);
        sysctl = Map.copyOf(sysctl);
    }

    /** For config.json: every field, stable key order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (preset != null) {
            m.put("preset", preset);
        }
        if (topologyFile != null) {
            m.put("topology", topologyFile.toString());
        }
        if (inline != null) {
            m.put("topology", new java.util.TreeMap<>(inline));
        }
        m.put("costs", new java.util.TreeMap<>(costs));
        if (costsProfile != null) {
            m.put("costsProfile", costsProfile.toString());
        }
        m.put("sysctl", new java.util.TreeMap<>(sysctl));
        m.put("seed", seed == null ? "per trial" : seed);
        m.put("engine", engine);
        if (mem != null) {
            m.put("mem", mem);
        }
        if (swap != null) {
            m.put("swap", swap);
        }
        m.put("disks", disks);
        m.put("rootfs", rootfs);
        if (vkernel != null) {
            m.put("vkernel", Map.of("cpus", vkernel.cpus(), "mem", vkernel.mem()));
        }
        return m;
    }
}
