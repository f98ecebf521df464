package org.odonata.hw.x86.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.api.topology.Topology;

class TopologyPrinterTest {

    @Test
    void laptopCoreByCore() {
        assertEquals("""
                Machine laptop-4c8t (16 GiB)
                  NUMANode 0 (16 GiB)
                    Package 0
                      L3 0
                        Core 0: cpu 0, cpu 1
                        Core 1: cpu 2, cpu 3
                        Core 2: cpu 4, cpu 5
                        Core 3: cpu 6, cpu 7
                packages: 1  cores: 4  cpus: 8  numa: 1
                """, TopologyPrinter.render(Presets.topology("laptop-4c8t")));
    }

    @Test
    void largeMachinesGetALinePerL3() {
        String text = TopologyPrinter.render(Presets.topology("epyc-2s128c256t"));
        assertTrue(text.contains("\n      L3 9: cores 72-79, cpus 144-159\n"), text);
        assertEquals(1 + 2 * 2 + 16 + 1, text.lines().count(), text);
        assertTrue(text.endsWith("packages: 2  cores: 128  cpus: 256  numa: 2\n"), text);
    }

    @Test
    void packagesEncloseNodesThatSplitThem() {
        Topology snc = new TopologySpec("snc2", 2, 4, 1, 1, 2, 8).toTopology();
        String text = TopologyPrinter.render(snc);
        assertTrue(text.startsWith("""
                Machine snc2 (32 GiB)
                  Package 0
                    NUMANode 0 (8 GiB)
                      L3 0
                        Core 0: cpu 0
                        Core 1: cpu 1
                    NUMANode 1 (8 GiB)
                """), text);
    }

    @Test
    void hybridCoresShowTheirKind() {
        String text = TopologyPrinter.render(HwlocXmlReader.read(TestData.topology("Intel-RaptorLake-Corei7-1370P.xml")));
        assertTrue(text.contains("Core 0 (P): cpu 0, cpu 1\n"), text);
        assertTrue(text.contains("Core 13 (E): cpu 19\n"), text);
        assertTrue(text.startsWith("Machine Intel-RaptorLake-Corei7-1370P.xml (memory unknown)\n"), text);
    }

    @Test
    void memoryUnits() {
        assertEquals("15.5 GiB", TopologyPrinter.memory(16303932L * 1024));
        assertEquals("512.0 MiB", TopologyPrinter.memory(512L << 20 | 1));
    }
}
