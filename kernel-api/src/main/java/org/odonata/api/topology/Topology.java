package org.odonata.api.topology;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A machine's processors and memory as the kernel sees them.
 *
 * @param name  where it came from: a preset name, a file name or a spec name
 * @param cpus  every hardware thread, indexed by {@link CpuInfo#id()}
 * @param nodes every NUMA node, indexed by {@link NumaNode#id()}
 */
public record Topology(String name, List<CpuInfo> cpus, List<NumaNode> nodes) {

    public Topology {
        cpus = List.copyOf(cpus);
        nodes = List.copyOf(nodes);
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("topology " + name + " has no CPUs");
        }
        for (int i = 0; i < cpus.size(); i++) {
            if (cpus.get(i).id() != i) {
                throw new IllegalArgumentException("topology " + name + ": CPU at index " + i + " has id "
                        + cpus.get(i).id());
            }
        }
    }

    public int cpuCount() {
        return cpus.size();
    }

    public CpuInfo cpu(int id) {
        return cpus.get(id);
    }

    public int packageCount() {
        return (int) cpus.stream().mapToInt(CpuInfo::packageId).distinct().count();
    }

    public int coreCount() {
        return (int) cpus.stream().mapToInt(CpuInfo::coreId).distinct().count();
    }

    public int l3Count() {
        return (int) cpus.stream().mapToInt(CpuInfo::l3Id).distinct().count();
    }

    public int nodeCount() {
        return nodes.size();
    }

    public long memoryBytes() {
        return nodes.stream().mapToLong(NumaNode::memoryBytes).sum();
    }

    /** The counts as the shell prints them: {@code packages: P  cores: C  cpus: N  numa: M}. */
    public String counts() {
        return "packages: " + packageCount() + "  cores: " + coreCount() + "  cpus: " + cpuCount() + "  numa: "
                + nodeCount();
    }

    /** The CPUs of one NUMA node, in id order. */
    public int[] cpusOfNode(int node) {
        return IntStream.range(0, cpus.size()).filter(i -> cpus.get(i).numaNode() == node).toArray();
    }

    public Distance distance(int a, int b) {
        CpuInfo x = cpus.get(a);
        CpuInfo y = cpus.get(b);
        if (a == b) {
            return Distance.SAME_CPU;
        }
        if (x.coreId() == y.coreId()) {
            return Distance.SMT_SIBLING;
        }
        if (x.l3Id() == y.l3Id()) {
            return Distance.SAME_L3;
        }
        if (x.packageId() == y.packageId()) {
            return Distance.SAME_PACKAGE;
        }
        return Distance.OTHER_PACKAGE;
    }
}
