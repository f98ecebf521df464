package org.odonata.hw.x86.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.Distance;
import org.odonata.api.topology.Topology;
import org.odonata.api.topology.TopologySource;

class PresetsTest {

    private final TopologySource source = new TopologyService();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name, packages, cores, cpus, l3, numa, GiB
            "uniprocessor,    1,   1,   1,  1, 1,   4",
            "smp-4,           1,   4,   4,  1, 1,   8",
            "laptop-4c8t,     1,   4,   8,  1, 1,  16",
            "server-2s32c64t, 2,  32,  64,  2, 2, 128",
            "epyc-2s128c256t, 2, 128, 256, 16, 2, 512" })
    void counts(String name, int packages, int cores, int cpus, int l3, int numa, long gib) {
        Topology t = source.preset(name);
        assertEquals(List.of(packages, cores, cpus, l3, numa),
                List.of(t.packageCount(), t.coreCount(), t.cpuCount(), t.l3Count(), t.nodeCount()));
        assertEquals(gib << 30, t.memoryBytes());
        RealTopologiesTest.assertConsistent(t);
    }

    @Test
    void namesAndUnknownPreset() {
        assertEquals(List.of("uniprocessor", "smp-4", "laptop-4c8t", "server-2s32c64t", "epyc-2s128c256t"),
                source.presets());
        var e = assertThrows(IllegalArgumentException.class, () -> source.preset("cray-1"));
        assertEquals("unknown preset 'cray-1'; valid: uniprocessor, smp-4, laptop-4c8t, server-2s32c64t, "
                + "epyc-2s128c256t", e.getMessage());
    }

    /** Topology order: siblings adjacent, then the cores of an L3 domain, then the package. */
    @Test
    void idsFollowTopologyOrder() {
        Topology epyc = source.preset("epyc-2s128c256t");
        assertEquals(new CpuInfo(17, 17, 0, 8, 1, 1, 0, CoreKind.UNIFORM), epyc.cpu(17));
        assertEquals(new CpuInfo(128, 128, 1, 64, 0, 8, 1, CoreKind.UNIFORM), epyc.cpu(128));
    }

    @Test
    void distances() {
        Topology epyc = source.preset("epyc-2s128c256t");
        assertEquals(Distance.SAME_CPU, epyc.distance(5, 5));
        assertEquals(Distance.SMT_SIBLING, epyc.distance(0, 1));
        assertEquals(Distance.SAME_L3, epyc.distance(0, 15));
        assertEquals(Distance.SAME_PACKAGE, epyc.distance(0, 16));
        assertEquals(Distance.OTHER_PACKAGE, epyc.distance(0, 128));
        assertEquals(Distance.OTHER_PACKAGE, epyc.distance(255, 127));
    }

    @Test
    void distancesOnAnImportedMachine() {
        Topology t = HwlocXmlReader.parse("v2.xml", HwlocXmlReaderTest.V2);
        assertEquals(Distance.SMT_SIBLING, t.distance(0, 1)); // OS indexes 0 and 4
        assertEquals(Distance.SAME_L3, t.distance(1, 2));
        assertEquals(Distance.OTHER_PACKAGE, t.distance(3, 4));
    }
}
