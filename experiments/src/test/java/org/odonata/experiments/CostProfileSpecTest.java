package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.experiments.spec.MachineConfig;
import org.odonata.experiments.spec.SpecException;
import org.odonata.experiments.spec.SpecReader;

/** {@code machine.costs: {profile: FILE}}: a calibrated profile's costs, the spec's own fields over them. */
class CostProfileSpecTest {

    private static final String SPEC = """
            name: t
            machine:
              preset: laptop-4c8t
              costs: {profile: %s, tlbMiss: 11}
            variants:
              - {name: a, sched: dfly}
              - {name: b, sched: fifo}
            workloads:
              - type: hackbench
            """;
    private static final String PROFILE = """
            host: {model: test}
            costs:
              frequencyHz: {value: 2000000000, from: "/proc/cpuinfo cpu MHz"}
              contextSwitch: {value: 9000, from: "pipe-pinned"}
              tlbMiss: {value: 7, from: preset}
            """;

    @TempDir
    Path dir;

    private final SpecReader reader = new SpecReader(RealImplementations.all());

    private MachineConfig machine(String profileName) {
        Path spec = dir.resolve("spec.yaml");
        try {
            Files.writeString(spec, SPEC.formatted(profileName));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return reader.read(spec, List.of()).points().getFirst().variants().getFirst().machine();
    }

    private Map<String, Long> costs(String profileName) {
        return machine(profileName).costs();
    }

    @Test
    void theProfilesCostsReplaceThePresetsAndTheSpecsOwnFieldsWin() throws IOException {
        Files.writeString(dir.resolve("host.yaml"), PROFILE);
        Map<String, Long> c = costs("host.yaml");
        assertEquals(2_000_000_000L, c.get("frequencyHz"));
        assertEquals(9000L, c.get("contextSwitch"));
        assertEquals(11L, c.get("tlbMiss"), "the spec's machine.costs.tlbMiss overrides the profile's");
        assertEquals(120L, c.get("syscallEntry"), "a field the profile leaves out keeps the preset");
        assertEquals(dir.resolve("host.yaml").toString(), machine("host.yaml").toMap().get("costsProfile"),
                "config.json names the profile the costs came from");
    }

    @Test
    void aMissingProfileIsAnErrorAtTheSpecsLine() {
        SpecException e = assertThrows(SpecException.class, () -> costs("absent.yaml"));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals(4, e.errors().getFirst().line());
        assertEquals("machine.costs.profile", e.errors().getFirst().field());
        assertTrue(e.errors().getFirst().message().startsWith("no such file: "), e.getMessage());
    }

    @Test
    void aBadProfileIsReportedAtItsOwnLineOnceThoughEveryVariantLoadsIt() throws IOException {
        Files.writeString(dir.resolve("host.yaml"), PROFILE.replace("9000", "9k"));
        SpecException e = assertThrows(SpecException.class, () -> costs("host.yaml"));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals(dir.resolve("host.yaml").toString(), e.errors().getFirst().file());
        assertEquals(4, e.errors().getFirst().line());
        assertEquals("costs.contextSwitch.value", e.errors().getFirst().field());
    }
}
