package org.odonata.shell;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/** Renders a topology as an indented tree: node, package, L3 domain, then one line per core. */
final class TopologyPrinter {

    private static final long GIB = 1L << 30;

    private TopologyPrinter() {
    }

    /** The counts line: {@code packages: P  cores: C  cpus: N  numa: M}. */
    static String counts(Topology t) {
        return "packages: " + t.packageCount() + "  cores: " + t.coreCount() + "  cpus: " + t.cpuCount() + "  numa: "
                + t.nodeCount();
    }

    static String render(Topology t) {
        StringBuilder out = new StringBuilder();
        out.append("Machine ").append(t.name()).append(" (").append(size(t.memoryBytes())).append(")\n");
        Map<Integer, Map<Integer, Map<Integer, Map<Integer, List<CpuInfo>>>>> tree = t.cpus().stream()
                .collect(Collectors.groupingBy(CpuInfo::numaNode, TreeMap::new,
                        Collectors.groupingBy(CpuInfo::packageId, TreeMap::new,
                                Collectors.groupingBy(CpuInfo::l3Id, TreeMap::new,
                                        Collectors.groupingBy(CpuInfo::coreId, TreeMap::new, Collectors.toList())))));
        for (NumaNode node : t.nodes()) {
            out.append("  NUMANode ").append(node.id()).append(" (").append(size(node.memoryBytes())).append(")\n");
            tree.getOrDefault(node.id(), Map.of()).forEach((pkg, l3s) -> {
                out.append("    Package ").append(pkg).append('\n');
                l3s.forEach((l3, cores) -> {
                    out.append("      L3 ").append(l3).append(" (").append(cores.size()).append(" cores)\n");
                    cores.forEach((core, cpus) -> out.append("        Core ").append(core).append(kind(cpus.get(0)))
                            .append(": cpu ").append(cpus.stream().map(c -> Integer.toString(c.id()))
                                    .collect(Collectors.joining(", ")))
                            .append('\n'));
                });
            });
        }
        return out.append(counts(t)).toString();
    }

    private static String kind(CpuInfo cpu) {
        return cpu.kind() == CoreKind.UNIFORM ? "" : " [" + cpu.kind().name().charAt(0) + "]";
    }

    private static String size(long bytes) {
        return bytes % GIB == 0 ? bytes / GIB + " GiB" : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }
}
