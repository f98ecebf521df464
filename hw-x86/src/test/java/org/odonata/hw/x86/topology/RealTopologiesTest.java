package org.odonata.hw.x86.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odonata.api.topology.CoreKind;
import org.odonata.api.topology.CpuInfo;
import org.odonata.api.topology.Topology;

/** The hwloc files of real machines in the shared data directory; the counts come from the XML itself. */
class RealTopologiesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, packages, cores, cpus, l3, numa, P cpus, E cpus
            "16em64t-4s2c2t.xml,                      4,   8,  16,  4, 1,  0,  0",
            "AMD-15h-Bulldozer-4xOpteron-6272.xml,    4,  64,  64,  8, 1,  0,  0",
            "AMD-19h-Zen3-2xEpyc-7763.xml,            2, 128, 128, 16, 1,  0,  0", // SMT off in this dump
            "AMD-19h-Zen4-2xEpyc-9654.xml,            2, 192, 384, 24, 1,  0,  0",
            "AMD-1Ah-Zen5StrixPoint-RyzenAI9HX370.xml,1,  12,  24,  2, 1,  8, 16",
            "Intel-KnightsLanding-XeonPhi-7210.xml,   1,  64, 256,  1, 1,  0,  0", // no L3: package is the domain
            "Intel-RaptorLake-Corei7-1370P.xml,       1,  14,  20,  1, 1, 12,  8",
            "Intel-SapphireRapids-2xXeonMax9460.xml,  2,  80, 160,  2, 1,  0,  0",
            "Intel-Skylake-2xXeon6140.xml,            2,  36,  72,  2, 1,  0,  0" })
    void importsWithKnownCounts(String file, int packages, int cores, int cpus, int l3, int numa, int performance,
            int efficiency) {
        Topology t = HwlocXmlReader.read(TestData.topology(file));
        assertEquals(file, t.name());
        assertEquals(packages, t.packageCount(), "packages");
        assertEquals(cores, t.coreCount(), "cores");
        assertEquals(cpus, t.cpuCount(), "cpus");
        assertEquals(l3, t.l3Count(), "l3");
        assertEquals(numa, t.nodeCount(), "numa");
        assertEquals(performance, count(t, CoreKind.PERFORMANCE), "performance cpus");
        assertEquals(efficiency, count(t, CoreKind.EFFICIENCY), "efficiency cpus");
    }

    @TestFactory
    Stream<DynamicTest> everyFileImports() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TestData.topologies())) {
            files = list.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Topology t = new TopologyService().load(f);
            assertTrue(t.packageCount() >= 1 && t.packageCount() <= t.l3Count() && t.l3Count() <= t.coreCount()
                    && t.coreCount() <= t.cpuCount() && t.nodeCount() >= 1, () -> TopologyPrinter.render(t));
            assertConsistent(t);
            String[] lines = TopologyPrinter.render(t).split("\n");
            assertEquals("packages: " + t.packageCount() + "  cores: " + t.coreCount() + "  cpus: " + t.cpuCount()
                    + "  numa: " + t.nodeCount(), lines[lines.length - 1]);
        }));
    }

    @ParameterizedTest
    @CsvSource({ "Intel-Skylake-2xXeon6140.xml", "16em64t-4s2c2t.xml" })
    void linuxNumbersSmtSiblingsLastButIdsKeepThemAdjacent(String file) {
        Topology t = HwlocXmlReader.read(TestData.topology(file));
        CpuInfo first = t.cpu(0);
        CpuInfo sibling = t.cpu(1);
        assertEquals(first.coreId(), sibling.coreId());
        assertEquals(1, sibling.smtIndex());
        assertTrue(sibling.osIndex() > t.coreCount() - 1, "the sibling keeps its Linux number " + sibling.osIndex());
    }

    /** Packages, L3 domains and cores are contiguous id ranges and ids are dense from 0. */
    static void assertConsistent(Topology t) {
        int previousPackage = 0;
        int previousL3 = 0;
        int previousCore = 0;
        for (CpuInfo c : t.cpus()) {
            assertTrue(c.packageId() == previousPackage || c.packageId() == previousPackage + 1, c::toString);
            assertTrue(c.l3Id() == previousL3 || c.l3Id() == previousL3 + 1, c::toString);
            assertTrue(c.coreId() == previousCore || c.coreId() == previousCore + 1, c::toString);
            assertTrue(c.numaNode() >= 0 && c.numaNode() < t.nodeCount(), c::toString);
            previousPackage = c.packageId();
            previousL3 = c.l3Id();
            previousCore = c.coreId();
        }
        assertEquals(t.cpuCount(), t.cpus().stream().mapToInt(CpuInfo::osIndex).distinct().count());
    }

    private static long count(Topology t, CoreKind kind) {
        return t.cpus().stream().filter(c -> c.kind() == kind).count();
    }
}
