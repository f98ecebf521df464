package org.odonata.hw.x86.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/**
 * The one place that turns a source's threads into a {@link Topology}: CPUs are numbered in topology
 * order (package, L3 domain, core, thread), so SMT siblings get adjacent ids and every package and L3
 * domain is a contiguous id range, as on BSD where CPUs follow APIC-id order. Linux numbers SMT siblings
 * last instead; its number survives as {@link CpuInfo#osIndex()}.
 *
 * <p>Groups are ordered by their lowest OS index, which is also the order hwloc writes its objects in,
 * so the result does not depend on how a source happens to list its threads.
 */
final class TopologyAssembler {

    private TopologyAssembler() {
    }

    /**
     * @param source names the input in error messages
     * @throws IllegalArgumentException when an OS index repeats or a thread names an unknown node
     */
    static Topology assemble(String name, String source, List<RawCpu> raw, List<RawNode> rawNodes) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException(source + ": no CPUs found");
        }
        Set<Integer> osIndexes = new HashSet<>();
        for (RawCpu c : raw) {
            if (!osIndexes.add(c.osIndex())) {
                throw new IllegalArgumentException(source + ": two CPUs have OS index " + c.osIndex());
            }
        }
        Map<Object, Integer> nodeIds = new HashMap<>();
        List<NumaNode> nodes = new ArrayList<>();
        for (RawNode node : rawNodes) {
            nodeIds.put(node.key(), nodes.size());
            nodes.add(new NumaNode(nodes.size(), node.memoryBytes()));
        }
        Map<Object, Integer> packageRank = lowestOsIndex(raw, RawCpu::packageKey);
        Map<Object, Integer> l3Rank = lowestOsIndex(raw, RawCpu::l3Key);
        Map<Object, Integer> coreRank = lowestOsIndex(raw, RawCpu::coreKey);
        List<RawCpu> ordered = raw.stream()
                .sorted(Comparator.<RawCpu>comparingInt(c -> packageRank.get(c.packageKey()))
                        .thenComparingInt(c -> l3Rank.get(c.l3Key()))
                        .thenComparingInt(c -> coreRank.get(c.coreKey()))
                        .thenComparingInt(RawCpu::osIndex))
                .toList();

        Map<Object, Integer> packageIds = new HashMap<>();
        Map<Object, Integer> l3Ids = new HashMap<>();
        Map<Object, Integer> coreIds = new HashMap<>();
        Map<Object, Integer> threadsSeen = new HashMap<>();
        List<CpuInfo> cpus = new ArrayList<>(ordered.size());
        for (RawCpu c : ordered) {
            Integer node = nodeIds.get(c.nodeKey());
            if (node == null) {
                throw new IllegalArgumentException(source + ": CPU " + c.osIndex() + " belongs to an unknown NUMA node");
            }
            int smt = threadsSeen.merge(c.coreKey(), 1, Integer::sum) - 1;
            cpus.add(new CpuInfo(cpus.size(), c.osIndex(),
                    packageIds.computeIfAbsent(c.packageKey(), k -> packageIds.size()),
                    coreIds.computeIfAbsent(c.coreKey(), k -> coreIds.size()), smt,
                    l3Ids.computeIfAbsent(c.l3Key(), k -> l3Ids.size()), node, c.kind()));
        }
        return new Topology(name, cpus, nodes);
    }

    private static Map<Object, Integer> lowestOsIndex(List<RawCpu> raw, Function<RawCpu, Object> key) {
        Map<Object, Integer> lowest = new HashMap<>();
        for (RawCpu c : raw) {
            lowest.merge(key.apply(c), c.osIndex(), Math::min);
        }
        return lowest;
    }
}
