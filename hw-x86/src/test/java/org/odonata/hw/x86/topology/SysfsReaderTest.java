package org.odonata.hw.x86.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

class SysfsReaderTest {

    private static final long KB = 1024;

    /**
     * 2 packages x 2 cores x 2 threads numbered as Linux does (siblings at +4), one L3 and one node per
     * package, and cpu8 offline.
     */
    static Path twoSockets(Path root) throws IOException {
        for (int cpu = 0; cpu < 8; cpu++) {
            int pkg = cpu % 4 / 2;
            int first = cpu % 4;
            String siblings = first + "," + (first + 4);
            Path topology = root.resolve("devices/system/cpu/cpu" + cpu + "/topology");
            write(topology.resolve("physical_package_id"), pkg);
            write(topology.resolve("core_id"), first % 2);
            write(topology.resolve("thread_siblings_list"), siblings);
            write(topology.resolve("core_cpus_list"), siblings);
            Path cache = root.resolve("devices/system/cpu/cpu" + cpu + "/cache");
            write(cache.resolve("index0/level"), 1);
            write(cache.resolve("index0/type"), "Data");
            write(cache.resolve("index0/shared_cpu_list"), siblings);
            write(cache.resolve("index3/level"), 3);
            write(cache.resolve("index3/type"), "Unified");
            write(cache.resolve("index3/shared_cpu_list"), pkg == 0 ? "0-1,4-5" : "2-3,6-7");
        }
        write(root.resolve("devices/system/cpu/cpu8/online"), 0);
        write(root.resolve("devices/system/cpu/online"), "0-7");
        for (int node = 0; node < 2; node++) {
            Path dir = root.resolve("devices/system/node/node" + node);
            write(dir.resolve("cpulist"), node == 0 ? "0-1,4-5" : "2-3,6-7");
            write(dir.resolve("meminfo"), "Node " + node + " MemTotal:       16303932 kB\nNode " + node
                    + " MemFree:        1000 kB\n");
        }
        return root;
    }

    @Test
    void readsATree(@TempDir Path root) throws IOException {
        Topology t = SysfsReader.read(twoSockets(root));
        assertEquals(2, t.packageCount());
        assertEquals(4, t.coreCount());
        assertEquals(8, t.cpuCount());
        assertEquals(2, t.l3Count());
        assertEquals(List.of(new NumaNode(0, 16303932 * KB), new NumaNode(1, 16303932 * KB)), t.nodes());
        assertArrayEquals(new int[] { 0, 4, 1, 5, 2, 6, 3, 7 }, t.cpus().stream().mapToInt(CpuInfo::osIndex).toArray());
        assertEquals(new CpuInfo(5, 6, 1, 2, 1, 1, 1, CoreKind.UNIFORM), t.cpu(5));
        assertEquals(root.toString(), t.name());
    }

    @Test
    void minimalTreeWithoutCachesOrNodes(@TempDir Path root) throws IOException {
        for (int cpu = 0; cpu < 4; cpu++) {
            Path topology = root.resolve("devices/system/cpu/cpu" + cpu + "/topology");
            write(topology.resolve("physical_package_id"), 0);
            write(topology.resolve("core_id"), cpu);
        }
        Files.createDirectories(root.resolve("devices/system/cpu/cpu4")); // offline: no topology
        Topology t = SysfsReader.read(root);
        assertEquals(4, t.coreCount());
        assertEquals(1, t.l3Count());
        assertEquals(List.of(new NumaNode(0, 0)), t.nodes());
    }

    @Test
    void intelHybridCoreLists(@TempDir Path root) throws IOException {
        twoSockets(root);
        write(root.resolve("devices/cpu_core/cpus"), "0-1,4-5");
        write(root.resolve("devices/cpu_atom/cpus"), "2-3,6-7");
        Topology t = SysfsReader.read(root);
        assertEquals(CoreKind.PERFORMANCE, t.cpu(0).kind());
        assertEquals(CoreKind.EFFICIENCY, t.cpu(7).kind());
    }

    @Test
    void errorsNameTheFile(@TempDir Path root) throws IOException {
        twoSockets(root);
        Path coreId = root.resolve("devices/system/cpu/cpu3/topology/physical_package_id");
        write(coreId, "x");
        var e = assertThrows(IllegalArgumentException.class, () -> SysfsReader.read(root));
        assertEquals(coreId + ": expected an integer, found 'x'", e.getMessage());

        Path empty = Files.createDirectories(root.resolve("empty"));
        e = assertThrows(IllegalArgumentException.class, () -> SysfsReader.read(empty));
        assertEquals(empty + ": not a sysfs tree: no devices/system/cpu directory", e.getMessage());
    }

    @Test
    void serviceTreatsDirectoriesAsSysfs(@TempDir Path root) throws IOException {
        assertEquals(8, new TopologyService().load(twoSockets(root)).cpuCount());
    }

    /** This machine's own /sys: every online CPU, at least as many as the JVM may use. */
    @Test
    void readsTheHost() throws Exception {
        Path sys = Path.of("/sys");
        Path online = sys.resolve("devices/system/cpu/online");
        Assumptions.assumeTrue(Files.isRegularFile(online), "no Linux sysfs here: skipped");
        Topology t = SysfsReader.read(sys);
        assertEquals(CpuLists.parse(Files.readString(online)).cardinality(), t.cpuCount());
        assertTrue(t.cpuCount() >= Runtime.getRuntime().availableProcessors(), TopologyPrinter.render(t));
        RealTopologiesTest.assertConsistent(t);
        if (TestData.lstopo().isPresent()) {
            Topology hwloc = HwlocXmlReader.parse("host", TestData.lstopo("--of", "xml", "-"));
            assertEquals(List.of(hwloc.packageCount(), hwloc.coreCount(), hwloc.cpuCount(), hwloc.l3Count()),
                    List.of(t.packageCount(), t.coreCount(), t.cpuCount(), t.l3Count()), "lstopo agrees");
        }
    }

    private static void write(Path file, Object content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }
}
