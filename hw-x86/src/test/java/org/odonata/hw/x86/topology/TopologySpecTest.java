package org.odonata.hw.x86.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.odonata.api.topology.Topology;

class TopologySpecTest {

    @Test
    void parsesAllKeys() {
        TopologySpec spec = TopologySpec.parse(Map.of("name", "nps4", "packages", 2, "coresPerPackage", 64,
                "threadsPerCore", 2, "l3PerPackage", 8, "numaPerPackage", 4, "memoryPerNodeGiB", 64L));
        assertEquals(new TopologySpec("nps4", 2, 64, 2, 8, 4, 64), spec);
        Topology t = spec.toTopology();
        assertEquals(8, t.nodeCount());
        assertEquals(16, t.l3Count());
        assertEquals(32, t.cpusOfNode(3).length);
        assertEquals(512L << 30, t.memoryBytes());
    }

    @Test
    void defaults() {
        assertEquals(new TopologySpec("2s32c64t", 2, 16, 2, 1, 1, 16),
                TopologySpec.parse(Map.of("packages", 2, "coresPerPackage", 16, "threadsPerCore", 2)));
    }

    @ParameterizedTest
    @MethodSource("org.odonata.hw.x86.topology.Presets#names")
    void presetsAreSpecs(String name) {
        TopologySpec spec = Presets.spec(name);
        assertEquals(spec, TopologySpec.parse(spec.toMap()));
        assertEquals(name, spec.toTopology().name());
    }

    @Test
    void errorsNameTheKey() {
        assertError("machine: unknown key 'sockets'; valid keys: name, packages, coresPerPackage, threadsPerCore, "
                + "l3PerPackage, numaPerPackage, memoryPerNodeGiB", Map.of("sockets", 2));
        assertError("machine: missing key 'coresPerPackage' (a positive integer)",
                Map.of("packages", 2, "threadsPerCore", 1));
        assertError("machine: 'packages' expects an integer, found String '2'",
                Map.of("packages", "2", "coresPerPackage", 4, "threadsPerCore", 1));
        assertError("machine: 'memoryPerNodeGiB' expects an integer, found Double '1.5'",
                Map.of("packages", 1, "coresPerPackage", 4, "threadsPerCore", 1, "memoryPerNodeGiB", 1.5));
        assertError("machine: 'name' expects a string, found Integer '7'",
                Map.of("name", 7, "packages", 1, "coresPerPackage", 4, "threadsPerCore", 1));
        assertError("machine: 'threadsPerCore' must be at least 1, found 0",
                Map.of("packages", 1, "coresPerPackage", 4, "threadsPerCore", 0));
        assertError("machine: 'coresPerPackage' expects an integer from 0 to 2147483647, found 4294967296",
                Map.of("packages", 1, "coresPerPackage", 1L << 32, "threadsPerCore", 1));
        assertError("machine: 'l3PerPackage' (3) must divide coresPerPackage (16)",
                Map.of("packages", 1, "coresPerPackage", 16, "threadsPerCore", 1, "l3PerPackage", 3));
        Map<String, Object> nullValue = new HashMap<>(Map.of("packages", 1, "coresPerPackage", 4));
        nullValue.put("threadsPerCore", null);
        assertError("machine: missing key 'threadsPerCore' (a positive integer)", nullValue);
    }

    private static void assertError(String expected, Map<String, ?> map) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> TopologySpec.parse(map)).getMessage());
    }
}
