package org.odonata.hw.x86.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

class HwlocXmlReaderTest {

    private static final long GIB = 1L << 30;

    /** hwloc 2.x: nodes are memory children; Linux numbering puts SMT siblings at +4. */
    static final String V2 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE topology SYSTEM "hwloc2.dtd">
            <topology version="2.0">
              <object type="Machine" os_index="0" cpuset="0xff">
                <info name="Backend" value="Linux"/>
                <object type="Package" os_index="0" cpuset="0x33">
                  <object type="NUMANode" os_index="0" cpuset="0x33" local_memory="17179869184">
                    <page_type size="4096" count="4194304"/>
                  </object>
                  <object type="L3Cache" cpuset="0x33" depth="3" cache_size="33554432">
                    <object type="Core" os_index="0" cpuset="0x11">
                      <object type="PU" os_index="0" cpuset="0x1"/>
                      <object type="PU" os_index="4" cpuset="0x10"/>
                    </object>
                    <object type="Core" os_index="1" cpuset="0x22">
                      <object type="PU" os_index="1" cpuset="0x2"/>
                      <object type="PU" os_index="5" cpuset="0x20"/>
                    </object>
                  </object>
                </object>
                <object type="Package" os_index="1" cpuset="0xcc">
                  <object type="MemCache" cpuset="0xcc" depth="1">
                    <object type="NUMANode" os_index="1" cpuset="0xcc" local_memory="17179869184"/>
                  </object>
                  <object type="Die" os_index="0" cpuset="0xcc">
                    <object type="L3Cache" cpuset="0xcc" depth="3">
                      <object type="Core" os_index="0" cpuset="0x44">
                        <object type="PU" os_index="2" cpuset="0x4"/>
                        <object type="PU" os_index="6" cpuset="0x40"/>
                      </object>
                      <object type="Core" os_index="1" cpuset="0x88">
                        <object type="PU" os_index="3" cpuset="0x8"/>
                        <object type="PU" os_index="7" cpuset="0x80"/>
                      </object>
                    </object>
                  </object>
                </object>
                <object type="Bridge" os_index="0"><object type="PCIDev" os_index="1"/></object>
              </object>
              <distances2 type="NUMANode" nbobjs="2" kind="5" indexing="os">
                <indexes length="4">0 1 </indexes>
                <u64values length="6">10 21 21 10 </u64values>
              </distances2>
              <support name="discovery.pu"/>
            </topology>
            """;

    /** hwloc 1.x: nodes are parents, Socket and Cache depth="3", distances inside the root object. */
    static final String V1 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE topology SYSTEM "hwloc.dtd">
            <topology>
              <object type="Machine" os_index="0" cpuset="0x0f" local_memory="0">
                <page_type size="4096" count="0"/>
                <object type="NUMANode" os_index="0" cpuset="0x03" local_memory="8589934592">
                  <object type="Socket" os_index="0" cpuset="0x03">
                    <object type="Cache" cpuset="0x03" cache_size="8388608" depth="3" cache_type="0">
                      <object type="Cache" cpuset="0x03" cache_size="262144" depth="2" cache_type="0">
                        <object type="Core" os_index="0" cpuset="0x03">
                          <object type="PU" os_index="0" cpuset="0x01"/>
                          <object type="PU" os_index="1" cpuset="0x02"/>
                        </object>
                      </object>
                    </object>
                  </object>
                </object>
                <object type="NUMANode" os_index="1" cpuset="0x0c" local_memory="8589934592">
                  <object type="Socket" os_index="1" cpuset="0x0c">
                    <object type="Cache" cpuset="0x0c" cache_size="8388608" depth="3" cache_type="0">
                      <object type="Core" os_index="0" cpuset="0x0c">
                        <object type="PU" os_index="2" cpuset="0x04"/>
                        <object type="PU" os_index="3" cpuset="0x08"/>
                      </object>
                    </object>
                  </object>
                </object>
                <distances nbobjs="2" relative_depth="1" latency_base="10.000000">
                  <latency value="1.000000"/><latency value="2.100000"/>
                  <latency value="2.100000"/><latency value="1.000000"/>
                </distances>
              </object>
            </topology>
            """;

    @Test
    void readsHwloc2() {
        Topology t = HwlocXmlReader.parse("v2.xml", V2);
        assertEquals(2, t.packageCount());
        assertEquals(4, t.coreCount());
        assertEquals(8, t.cpuCount());
        assertEquals(2, t.l3Count());
        assertEquals(List.of(new NumaNode(0, 16 * GIB), new NumaNode(1, 16 * GIB)), t.nodes());
        assertArrayEquals(new int[] { 0, 4, 1, 5, 2, 6, 3, 7 }, t.cpus().stream().mapToInt(CpuInfo::osIndex).toArray());
        assertEquals(new CpuInfo(1, 4, 0, 0, 1, 0, 0, CoreKind.UNIFORM), t.cpu(1));
        assertEquals(new CpuInfo(6, 3, 1, 3, 0, 1, 1, CoreKind.UNIFORM), t.cpu(6));
    }

    @Test
    void readsHwloc1() {
        Topology t = HwlocXmlReader.parse("v1.xml", V1);
        assertEquals(2, t.packageCount());
        assertEquals(2, t.coreCount());
        assertEquals(4, t.cpuCount());
        assertEquals(2, t.l3Count());
        assertEquals(List.of(new NumaNode(0, 8 * GIB), new NumaNode(1, 8 * GIB)), t.nodes());
        assertArrayEquals(new int[] { 2, 3 }, t.cpusOfNode(1));
    }

    @Test
    void withoutL3OrNumaEachPackageIsADomainAndTheMachineOneNode() {
        String xml = """
                <topology>
                  <object type="Machine" os_index="0" local_memory="4294967296">
                    <object type="Socket" os_index="0"><object type="PU" os_index="0"/><object type="PU" os_index="1"/></object>
                    <object type="Socket" os_index="1"><object type="PU" os_index="2"/><object type="PU" os_index="3"/></object>
                  </object>
                </topology>
                """;
        Topology t = HwlocXmlReader.parse("flat.xml", xml);
        assertEquals(2, t.l3Count());
        assertEquals(4, t.coreCount(), "a PU outside any Core is a core of its own");
        assertEquals(List.of(new NumaNode(0, 4 * GIB)), t.nodes());
    }

    /** Xeon Phi in SNC-2 flat mode: each cluster has DDR and MCDRAM; MCDRAM stays a node without CPUs. */
    @Test
    void memoryOnlyNodesRemainNodes() {
        String xml = """
                <topology version="2.0">
                  <object type="Machine" os_index="0">
                    <object type="Package" os_index="0">
                      <object type="Group" cpuset="0x3">
                        <object type="NUMANode" os_index="0" local_memory="51539607552"/>
                        <object type="NUMANode" os_index="2" local_memory="8589934592"><info name="subtype" value="MCDRAM"/></object>
                        <object type="Core" os_index="0"><object type="PU" os_index="0"/><object type="PU" os_index="1"/></object>
                      </object>
                      <object type="Group" cpuset="0xc">
                        <object type="NUMANode" os_index="3" local_memory="8589934592"/>
                        <object type="NUMANode" os_index="1" local_memory="51539607552"/>
                        <object type="Core" os_index="1"><object type="PU" os_index="2"/><object type="PU" os_index="3"/></object>
                      </object>
                    </object>
                  </object>
                </topology>
                """;
        Topology t = HwlocXmlReader.parse("knl.xml", xml);
        assertEquals(4, t.nodeCount());
        assertEquals(2 * 48 * GIB + 2 * 8 * GIB, t.memoryBytes());
        assertArrayEquals(new int[] { 0, 1 }, t.cpusOfNode(0));
        assertArrayEquals(new int[] { 2, 3 }, t.cpusOfNode(1));
        assertEquals(0, t.cpusOfNode(2).length);
        assertEquals(8 * GIB, t.nodes().get(3).memoryBytes());
        assertTrue(TopologyPrinter.render(t).contains("NUMANode 3 (8 GiB, no CPUs)"));
    }

    @Test
    void cpuKindsByEfficiencyRank() {
        Topology t = HwlocXmlReader.parse("hybrid.xml", hybrid("""
                <cpukind cpuset="0x0c" forced_efficiency="0"><info name="CoreType" value="IntelAtom"/></cpukind>
                <cpukind cpuset="0x03" forced_efficiency="1"><info name="CoreType" value="IntelCore"/></cpukind>
                """));
        assertKinds(t, CoreKind.PERFORMANCE, CoreKind.PERFORMANCE, CoreKind.EFFICIENCY, CoreKind.EFFICIENCY);
    }

    @Test
    void cpuKindsByCoreTypeWhenNoRank() {
        Topology t = HwlocXmlReader.parse("hybrid.xml", hybrid("""
                <cpukind cpuset="0x03"><info name="CoreType" value="AMDPerformance"/></cpukind>
                <cpukind cpuset="0x0c"><info name="CoreType" value="AMDEfficiency"/></cpukind>
                """));
        assertKinds(t, CoreKind.PERFORMANCE, CoreKind.PERFORMANCE, CoreKind.EFFICIENCY, CoreKind.EFFICIENCY);
    }

    @Test
    void cpuKindsByMaximumFrequency() {
        Topology t = HwlocXmlReader.parse("hybrid.xml", hybrid("""
                <cpukind cpuset="0x01"><info name="FrequencyMaxMHz" value="2100"/></cpukind>
                <cpukind cpuset="0x0e"><info name="FrequencyMaxMHz" value="5000"/></cpukind>
                """));
        assertKinds(t, CoreKind.EFFICIENCY, CoreKind.PERFORMANCE, CoreKind.PERFORMANCE, CoreKind.PERFORMANCE);
    }

    @Test
    void oneKindOrIndistinguishableKindsAreUniform() {
        assertKinds(HwlocXmlReader.parse("one.xml", hybrid("<cpukind cpuset=\"0x0f\" forced_efficiency=\"0\"/>")),
                CoreKind.UNIFORM, CoreKind.UNIFORM, CoreKind.UNIFORM, CoreKind.UNIFORM);
        assertKinds(HwlocXmlReader.parse("same.xml", hybrid("""
                <cpukind cpuset="0x03"><info name="FrequencyMaxMHz" value="3000"/></cpukind>
                <cpukind cpuset="0x0c"><info name="FrequencyMaxMHz" value="3000"/></cpukind>
                """)), CoreKind.UNIFORM, CoreKind.UNIFORM, CoreKind.UNIFORM, CoreKind.UNIFORM);
    }

    @Test
    void cpusetsWithEmptyWordsAndAnInfinitePrefix() {
        assertTrue(HwlocCpuset.parse("0x00000001,,0x0").contains(64));
        assertFalse(HwlocCpuset.parse("0x00000001,,0x0").contains(0));
        assertTrue(HwlocCpuset.parse("0xf...f,0x00000001").contains(0));
        assertTrue(HwlocCpuset.parse("0xf...f,0x00000001").contains(1000));
        assertFalse(HwlocCpuset.parse("0xf...f,0x00000001").contains(1));
    }

    @Test
    void malformedXmlNamesTheFileAndLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> HwlocXmlReader.parse("broken.xml", """
                <topology>
                  <object type="Machine" os_index="0">
                    <object type="PU" os_index="0">
                  </object>
                </topology>
                """));
        assertTrue(e.getMessage().startsWith("broken.xml:5:"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed XML"), e.getMessage());
    }

    @Test
    void malformedFileNamesItsPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("truncated.xml");
        Files.writeString(file, V2.substring(0, V2.length() / 2));
        var e = assertThrows(IllegalArgumentException.class, () -> new TopologyService().load(file));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    }

    @Test
    void semanticErrorsNameTheElementAndLine() {
        assertMessage("pu.xml:3: <object type=\"PU\"> has no os_index attribute", """
                <topology>
                  <object type="Machine" os_index="0">
                    <object type="PU"/>
                  </object>
                </topology>
                """);
        assertMessage("pu.xml:2: <object type=\"NUMANode\"> local_memory 'lots' is not a byte count", """
                <topology><object type="Machine">
                  <object type="NUMANode" os_index="0" local_memory="lots"/><object type="PU" os_index="0"/>
                </object></topology>
                """);
        assertMessage("pu.xml: two CPUs have OS index 0", """
                <topology><object type="Machine">
                  <object type="PU" os_index="0"/><object type="PU" os_index="0"/>
                </object></topology>
                """);
        assertMessage("pu.xml:1: no PU objects: the machine has no CPUs", "<topology><object type=\"Machine\"/></topology>");
        assertMessage("pu.xml:1:8: root element <html> is not <topology>: not an hwloc XML file", "<html/>");
        assertMessage("pu.xml:2:10: <object> without a type attribute", "<topology>\n<object/></topology>");
    }

    /** DTDs are off: an external entity is refused instead of being read. */
    @Test
    void externalEntitiesAreNotResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "42");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE topology [ <!ENTITY x SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<topology><object type=\"Machine\"><object type=\"PU\" os_index=\"&x;\"/></object></topology>";
        var e = assertThrows(IllegalArgumentException.class, () -> HwlocXmlReader.parse("xxe.xml", xml));
        assertTrue(e.getMessage().startsWith("xxe.xml:3:"), e.getMessage());
        assertFalse(e.getMessage().contains("os_index '42'"), e.getMessage());
    }

    @Test
    void lstopoSyntheticMachines() throws Exception {
        String spec = "pack:2 core:16 pu:2";
        for (String flags : List.of("", "v1")) {
            String xml = flags.isEmpty() ? TestData.lstopo("--input", spec, "--of", "xml", "-")
                    : TestData.lstopo("--input", spec, "--of", "xml", "--export-xml-flags", flags, "-");
            Topology t = HwlocXmlReader.parse("lstopo " + flags, xml);
            assertEquals(layout(Presets.topology("server-2s32c64t")), layout(t), "the server preset's layout");
        }
        String numa = "pack:2 [numa] [numa] l3:2 core:4 pu:2";
        for (String flags : List.of("", "v1")) {
            String xml = flags.isEmpty() ? TestData.lstopo("--input", numa, "--of", "xml", "-")
                    : TestData.lstopo("--input", numa, "--of", "xml", "--export-xml-flags", flags, "-");
            Topology t = HwlocXmlReader.parse("lstopo " + flags, xml);
            assertEquals(4, t.nodeCount(), flags);
            assertEquals(4, t.l3Count(), flags);
            assertArrayEquals(new int[0], t.cpusOfNode(1), flags);
            assertEquals(16, t.cpusOfNode(2).length, flags);
        }
    }

    /** Everything but the NUMA node: the synthetic machine has one node, the preset one per package. */
    private static List<List<Integer>> layout(Topology t) {
        return t.cpus().stream()
                .map(c -> List.of(c.id(), c.osIndex(), c.packageId(), c.coreId(), c.smtIndex(), c.l3Id())).toList();
    }

    private static void assertMessage(String expected, String xml) {
        var e = assertThrows(IllegalArgumentException.class, () -> HwlocXmlReader.parse("pu.xml", xml));
        assertEquals(expected, e.getMessage());
    }

    private static String hybrid(String kinds) {
        return """
                <topology version="2.0">
                  <object type="Machine" os_index="0">
                    <object type="NUMANode" os_index="0"/>
                    <object type="Package" os_index="0">
                      <object type="Core" os_index="0"><object type="PU" os_index="0"/></object>
                      <object type="Core" os_index="1"><object type="PU" os_index="1"/></object>
                      <object type="Core" os_index="8"><object type="PU" os_index="2"/></object>
                      <object type="Core" os_index="9"><object type="PU" os_index="3"/></object>
                    </object>
                  </object>
                """ + kinds + "</topology>\n";
    }

    private static void assertKinds(Topology t, CoreKind... expected) {
        assertArrayEquals(expected, t.cpus().stream().map(CpuInfo::kind).toArray());
    }
}
