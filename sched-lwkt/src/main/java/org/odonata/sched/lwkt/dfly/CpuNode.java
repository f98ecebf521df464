package org.odonata.sched.lwkt.dfly;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/**
 * A node of the CPU topology tree that {@code dfly_choose_best_queue} descends ({@code cpu_node_t}): the
 * machine, then packages, last-level-cache domains, cores and hardware threads. A level where a node would
 * have a single child is collapsed, as DragonFly skips such nodes. Each node knows its members and its share
 * of the machine's memory (a NUMA node's memory spread evenly over its CPUs).
 */
final class CpuNode {

    private static final List<ToIntFunction<CpuInfo>> LEVELS = List.of(CpuInfo::packageId, CpuInfo::l3Id,
            CpuInfo::coreId, CpuInfo::id);

    final int[] cpus;
    final BitSet members;
    final List<CpuNode> children;
    /** A core whose children are its SMT hardware threads. */
    final boolean smtCore;
    final long memoryBytes;
    /** Position in the tree's preorder, numbered by {@link ChooseQueue} to index its per-node arrays. */
    int index;

    private CpuNode(int[] cpus, List<CpuNode> children, boolean smtCore, long memoryBytes) {
        this.cpus = cpus;
        this.members = new BitSet();
        for (int c : cpus) {
            members.set(c);
        }
        this.children = List.copyOf(children);
        this.smtCore = smtCore;
        this.memoryBytes = memoryBytes;
    }

    static CpuNode build(Topology topology) {
        long[] memPerCpu = new long[topology.cpuCount()];
        for (NumaNode node : topology.nodes()) {
            int[] local = topology.cpusOfNode(node.id());
            for (int c : local) {
                memPerCpu[c] = node.memoryBytes() / local.length;
            }
        }
        return build(topology, topology.cpus(), 0, memPerCpu);
    }

    private static CpuNode build(Topology topology, List<CpuInfo> cpus, int level, long[] memPerCpu) {
        long mem = cpus.stream().mapToLong(c -> memPerCpu[c.id()]).sum();
        int[] ids = cpus.stream().mapToInt(CpuInfo::id).toArray();
        if (cpus.size() == 1) {
            return new CpuNode(ids, List.of(), false, mem);
        }
        Map<Integer, List<CpuInfo>> groups = new LinkedHashMap<>();
        for (CpuInfo c : cpus) {
            groups.computeIfAbsent(LEVELS.get(level).applyAsInt(c), k -> new ArrayList<>()).add(c);
        }
        if (groups.size() == 1) {
            return build(topology, cpus, level + 1, memPerCpu);
        }
        List<CpuNode> children = new ArrayList<>();
        for (List<CpuInfo> g : groups.values()) {
            children.add(build(topology, g, level + 1, memPerCpu));
        }
        boolean smt = cpus.stream().mapToInt(CpuInfo::coreId).distinct().count() == 1;
        return new CpuNode(ids, children, smt, mem);
    }

    boolean leaf() {
        return children.isEmpty();
    }

    boolean contains(int cpu) {
        return cpu >= 0 && members.get(cpu);
    }

    /** The CPU of a leaf. */
    int cpu() {
        return cpus[0];
    }
}
