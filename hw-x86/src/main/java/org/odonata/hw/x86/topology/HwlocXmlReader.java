package org.odonata.hw.x86.topology;

import static java.util.Objects.requireNonNullElse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.topology.Topology;

/**
 * Imports a machine from hwloc XML as {@code lstopo --of xml} writes it, hwloc 2.x or 1.x.
 *
 * <p>Packages are {@code Package} (1.x: {@code Socket}) objects, or the whole machine when there are none;
 * L3 domains are {@code L3Cache} (1.x: {@code Cache depth="3"}) objects, or the package when there are
 * none; a PU without a {@code Core} is a core of its own. NUMA nodes are 2.x memory children, attached to
 * the object whose CPUs they serve, or 1.x parent objects. A CPU's node is the nearest one; when an
 * object has several (Xeon Phi flat mode: DDR and MCDRAM) it is the lowest OS index, so MCDRAM remains a
 * node with memory and no CPUs. Groups, dies, L1/L2 and I/O objects are not part of the model.
 */
public final class HwlocXmlReader {

    private HwlocXmlReader() {
    }

    /**
     * @throws IllegalArgumentException naming the file, the line and what was wrong
     */
    public static Topology read(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": not an hwloc XML file: not a regular file (a device or a pipe "
                    + "has no end to read)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return interpret(String.valueOf(file.getFileName()), file.toString(), HwlocXmlParser.parse(file.toString(), in));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Imports XML held in memory; {@code name} names the topology and the input in error messages. */
    public static Topology parse(String name, String xml) {
        InputStream in = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
        return interpret(name, name, HwlocXmlParser.parse(name, in));
    }

    private static Topology interpret(String name, String source, HwlocXmlParser.Document document) {
        HwlocObject root = document.root();
        List<HwlocObject> pus = new ArrayList<>();
        root.collect("PU", pus);
        if (pus.isEmpty()) {
            throw new IllegalArgumentException(source + ":" + root.line + ": no PU objects: the machine has no CPUs");
        }
        List<HwlocObject> numa = new ArrayList<>();
        root.collect("NUMANode", numa);
        numa.sort(Comparator.comparingInt(n -> index(source, n)));

        List<RawNode> nodes = new ArrayList<>();
        Map<HwlocObject, HwlocObject> nodeAt = new HashMap<>();
        for (HwlocObject node : numa) {
            nodes.add(new RawNode(node, memory(source, node)));
            nodeAt.putIfAbsent(servedBy(node), node); // sorted, so the lowest OS index wins
        }
        if (numa.isEmpty()) {
            nodes.add(new RawNode(root, memory(source, root)));
        }

        CoreKinds kinds = new CoreKinds(document.cpuKinds());
        List<RawCpu> cpus = new ArrayList<>(pus.size());
        for (HwlocObject pu : pus) {
            int osIndex = index(source, pu);
            HwlocObject pkg = requireNonNullElse(pu.ancestor("Package", "Socket"), requireNonNullElse(pu.ancestor("Machine"), root));
            HwlocObject l3 = pkg;
            for (HwlocObject a = pu.parent; a != null; a = a.parent) {
                if (a.isL3()) {
                    l3 = a;
                    break;
                }
            }
            HwlocObject core = requireNonNullElse(pu.ancestor("Core"), pu);
            Object node = numa.isEmpty() ? root : nodeOf(pu, nodeAt, numa.getFirst());
            cpus.add(new RawCpu(osIndex, pkg, l3, core, node, kinds.of(osIndex)));
        }
        return TopologyAssembler.assemble(name, source, cpus, nodes);
    }

    /**
     * The object whose CPUs a node serves: a 1.x node is a parent of its CPUs; a 2.x node is a leaf
     * hanging off that object, possibly below memory-side caches.
     */
    private static HwlocObject servedBy(HwlocObject node) {
        if (!node.children.isEmpty() || node.parent == null) {
            return node;
        }
        HwlocObject a = node.parent;
        while (a.is("MemCache") && a.parent != null) {
            a = a.parent;
        }
        return a;
    }

    private static HwlocObject nodeOf(HwlocObject pu, Map<HwlocObject, HwlocObject> nodeAt, HwlocObject fallback) {
        for (HwlocObject a = pu.parent; a != null; a = a.parent) {
            HwlocObject node = nodeAt.get(a);
            if (node != null) {
                return node;
            }
        }
        return fallback;
    }

    private static int index(String source, HwlocObject object) {
        String value = object.attributes.get("os_index");
        if (value == null) {
            throw new IllegalArgumentException(source + ":" + object.line + ": <object type=\"" + object.type
                    + "\"> has no os_index attribute");
        }
        try {
            int index = Integer.parseInt(value.strip());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw new IllegalArgumentException(source + ":" + object.line + ": <object type=\"" + object.type
                + "\"> os_index '" + value + "' is not a non-negative integer");
    }

    private static long memory(String source, HwlocObject object) {
        String value = object.attributes.get("local_memory");
        if (value == null) {
            return 0;
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw new IllegalArgumentException(source + ":" + object.line + ": <object type=\"" + object.type
                + "\"> local_memory '" + value + "' is not a byte count");
    }
}
