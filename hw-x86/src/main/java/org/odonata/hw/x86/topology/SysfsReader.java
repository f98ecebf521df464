package org.odonata.hw.x86.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.Topology;

/**
 * Imports a machine from a Linux sysfs tree: {@code /sys} itself or a copy of the parts it reads.
 *
 * <p>A core is the set of its threads ({@code core_cpus_list}, older kernels {@code thread_siblings_list}),
 * because {@code core_id} repeats across packages and dies. An L3 domain is the {@code shared_cpu_list} of
 * the level-3 cache, or the package when there is none. Offline CPUs, which have no {@code topology}
 * directory, are skipped. Without {@code devices/system/node} the machine is one node of unknown memory.
 * Intel hybrid parts list their P and E cores in {@code devices/cpu_core/cpus} and {@code devices/cpu_atom/cpus}.
 */
public final class SysfsReader {

    private static final Pattern CPU_DIR = Pattern.compile("cpu(\\d+)");
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");
    private static final Pattern MEM_TOTAL = Pattern.compile("Node\\s+\\d+\\s+MemTotal:\\s+(\\d+)\\s+kB");

    private final Path root;

    private SysfsReader(Path root) {
        this.root = root;
    }

    /**
     * @param root the sysfs root, the directory holding {@code devices/}
     * @throws IllegalArgumentException naming the file and what was wrong
     */
    public static Topology read(Path root) {
        return new SysfsReader(root).topology();
    }

    private Topology topology() {
        Path cpuDir = root.resolve("devices/system/cpu");
        if (!Files.isDirectory(cpuDir)) {
            throw new IllegalArgumentException(root + ": not a sysfs tree: no devices/system/cpu directory");
        }
        Map<Integer, BitSet> nodeCpus = new TreeMap<>();
        List<RawNode> nodes = nodes(nodeCpus);
        BitSet performance = optionalList(root.resolve("devices/cpu_core/cpus"));
        BitSet efficiency = optionalList(root.resolve("devices/cpu_atom/cpus"));
        boolean hybrid = !performance.isEmpty() && !efficiency.isEmpty();

        List<RawCpu> cpus = new ArrayList<>();
        for (Map.Entry<Integer, Path> entry : numbered(cpuDir, CPU_DIR).entrySet()) {
            int cpu = entry.getKey();
            Path dir = entry.getValue();
            Path topology = dir.resolve("topology");
            boolean offline = Files.isRegularFile(dir.resolve("online")) && readText(dir.resolve("online")).equals("0");
            if (!Files.isDirectory(topology) || offline) {
                continue;
            }
            // some platforms report -1 when the firmware names no package
            int pkg = Math.max(0, readInt(topology.resolve("physical_package_id")));
            Object core = siblings(topology, pkg);
            Object l3 = l3(dir.resolve("cache"), pkg);
            Object node = nodeCpus.entrySet().stream().filter(n -> n.getValue().get(cpu))
                    .<Object>map(Map.Entry::getKey).findFirst().orElse(nodes.getFirst().key());
            CoreKind kind = !hybrid ? CoreKind.UNIFORM
                    : efficiency.get(cpu) ? CoreKind.EFFICIENCY
                    : performance.get(cpu) ? CoreKind.PERFORMANCE : CoreKind.UNIFORM;
            cpus.add(new RawCpu(cpu, pkg, l3, core, node, kind));
        }
        return TopologyAssembler.assemble(root.toString(), root.toString(), cpus, nodes);
    }

    private Object siblings(Path topology, int pkg) {
        for (String name : List.of("core_cpus_list", "thread_siblings_list")) {
            Path file = topology.resolve(name);
            if (Files.isRegularFile(file)) {
                return readList(file);
            }
        }
        return List.of(pkg, readInt(topology.resolve("core_id")));
    }

    private Object l3(Path cacheDir, int pkg) {
        if (Files.isDirectory(cacheDir)) {
            for (Path index : list(cacheDir)) {
                Path level = index.resolve("level");
                if (index.getFileName().toString().startsWith("index") && Files.isRegularFile(level)
                        && readInt(level) == 3 && !readOptional(index.resolve("type")).equals("Instruction")) {
                    return readList(index.resolve("shared_cpu_list"));
                }
            }
        }
        return "package " + pkg;
    }

    /** Node ids in order, recording each node's CPUs; one node of unknown memory when sysfs has none. */
    private List<RawNode> nodes(Map<Integer, BitSet> nodeCpus) {
        Path nodeDir = root.resolve("devices/system/node");
        List<RawNode> nodes = new ArrayList<>();
        if (Files.isDirectory(nodeDir)) {
            for (Map.Entry<Integer, Path> entry : numbered(nodeDir, NODE_DIR).entrySet()) {
                nodeCpus.put(entry.getKey(), optionalList(entry.getValue().resolve("cpulist")));
                nodes.add(new RawNode(entry.getKey(), memTotal(entry.getValue().resolve("meminfo"))));
            }
        }
        if (nodes.isEmpty()) {
            nodes.add(new RawNode(0, 0));
        }
        return nodes;
    }

    private long memTotal(Path meminfo) {
        if (!Files.isRegularFile(meminfo)) {
            return 0;
        }
        Matcher m = MEM_TOTAL.matcher(readText(meminfo));
        if (!m.find()) {
            throw new IllegalArgumentException(meminfo + ": no line 'Node N MemTotal: <n> kB'");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static Map<Integer, Path> numbered(Path dir, Pattern pattern) {
        Map<Integer, Path> result = new TreeMap<>();
        for (Path p : list(dir)) {
            Matcher m = pattern.matcher(p.getFileName().toString());
            if (m.matches() && Files.isDirectory(p)) {
                result.put(Integer.parseInt(m.group(1)), p);
            }
        }
        return result;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static int readInt(Path file) {
        String text = readText(file);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": expected an integer, found '" + text + "'", e);
        }
    }

    private static BitSet readList(Path file) {
        try {
            return CpuLists.parse(readText(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static BitSet optionalList(Path file) {
        return Files.isRegularFile(file) ? readList(file) : new BitSet();
    }

    private static String readOptional(Path file) {
        return Files.isRegularFile(file) ? readText(file) : "";
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
