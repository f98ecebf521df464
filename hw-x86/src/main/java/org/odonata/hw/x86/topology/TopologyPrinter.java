package org.odonata.hw.x86.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/**
 * Renders a topology as an indented tree ending in a one-line count:
 * {@code packages: P  cores: C  cpus: N  numa: M}.
 *
 * <p>NUMA nodes enclose packages, unless nodes split packages (sub-NUMA clustering, EPYC NPS2/4), in
 * which case packages enclose nodes. Machines of up to {@value #DETAILED_CPUS} CPUs get a line per core;
 * larger ones a line per L3 domain, so 256 CPUs still fit on a screen. Core kinds are shown as P/E on
 * hybrid machines only.
 */
public final class TopologyPrinter {

    static final int DETAILED_CPUS = 32;
    private static final long GIB = 1L << 30;

    private TopologyPrinter() {
    }

    public static String render(Topology t) {
        StringBuilder out = new StringBuilder();
        out.append("Machine ").append(t.name()).append(" (").append(memory(t.memoryBytes())).append(")\n");
        boolean packagesOutside = nodesSplitPackages(t);
        Level outer = packagesOutside ? Level.PACKAGE : Level.NODE;
        Level inner = packagesOutside ? Level.NODE : Level.PACKAGE;
        boolean hybrid = t.cpus().stream().anyMatch(c -> c.kind() != CoreKind.UNIFORM);
        boolean detailed = t.cpuCount() <= DETAILED_CPUS;
        for (Map.Entry<Integer, List<CpuInfo>> o : group(t.cpus(), outer.id).entrySet()) {
            line(out, 1, outer.label(t, o.getKey()));
            for (Map.Entry<Integer, List<CpuInfo>> i : group(o.getValue(), inner.id).entrySet()) {
                line(out, 2, inner.label(t, i.getKey()));
                for (Map.Entry<Integer, List<CpuInfo>> l3 : group(i.getValue(), CpuInfo::l3Id).entrySet()) {
                    Map<Integer, List<CpuInfo>> cores = group(l3.getValue(), CpuInfo::coreId);
                    if (detailed) {
                        line(out, 3, "L3 " + l3.getKey());
                        cores.forEach((core, threads) -> line(out, 4, "Core " + core + kind(hybrid, threads) + ": "
                                + threads.stream().map(c -> "cpu " + c.id()).collect(Collectors.joining(", "))));
                    } else {
                        line(out, 3, "L3 " + l3.getKey() + ": cores " + CpuLists.format(
                                cores.keySet().stream().mapToInt(Integer::intValue)) + kinds(hybrid, cores)
                                + ", cpus " + CpuLists.format(l3.getValue().stream().mapToInt(CpuInfo::id)));
                    }
                }
            }
        }
        for (NumaNode node : t.nodes()) {
            if (t.cpusOfNode(node.id()).length == 0) {
                line(out, 1, "NUMANode " + node.id() + " (" + memory(node.memoryBytes()) + ", no CPUs)");
            }
        }
        out.append(t.counts()).append('\n');
        return out.toString();
    }

    private enum Level {
        NODE(CpuInfo::numaNode), PACKAGE(CpuInfo::packageId);

        final ToIntFunction<CpuInfo> id;

        Level(ToIntFunction<CpuInfo> id) {
            this.id = id;
        }

        String label(Topology t, int id) {
            return this == PACKAGE ? "Package " + id
                    : "NUMANode " + id + " (" + memory(t.nodes().get(id).memoryBytes()) + ")";
        }
    }

    /** True when some package holds CPUs of more than one node and every node's CPUs are in one package. */
    private static boolean nodesSplitPackages(Topology t) {
        Map<Integer, List<CpuInfo>> byNode = group(t.cpus(), CpuInfo::numaNode);
        boolean nodesInOnePackage = byNode.values().stream()
                .allMatch(cpus -> cpus.stream().mapToInt(CpuInfo::packageId).distinct().count() == 1);
        return nodesInOnePackage && byNode.size() > t.packageCount();
    }

    private static Map<Integer, List<CpuInfo>> group(List<CpuInfo> cpus, ToIntFunction<CpuInfo> key) {
        Map<Integer, List<CpuInfo>> groups = new TreeMap<>();
        for (CpuInfo c : cpus) {
            groups.computeIfAbsent(key.applyAsInt(c), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    private static String kind(boolean hybrid, List<CpuInfo> threads) {
        return hybrid ? " (" + letter(threads.getFirst().kind()) + ")" : "";
    }

    /** "(P)" when an L3 domain holds one kind, "(4 P, 4 E)" when it mixes them. */
    private static String kinds(boolean hybrid, Map<Integer, List<CpuInfo>> cores) {
        if (!hybrid) {
            return "";
        }
        Map<String, Long> count = cores.values().stream().map(threads -> letter(threads.getFirst().kind()))
                .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
        if (count.size() == 1) {
            return " (" + count.keySet().iterator().next() + ")";
        }
        return count.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static String letter(CoreKind kind) {
        return switch (kind) {
            case PERFORMANCE -> "P";
            case EFFICIENCY -> "E";
            case UNIFORM -> "U";
        };
    }

    static String memory(long bytes) {
        if (bytes == 0) {
            return "memory unknown";
        }
        if (bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        return bytes >= GIB ? String.format(Locale.ROOT, "%.1f GiB", (double) bytes / GIB)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    private static void line(StringBuilder out, int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
