package org.odonata.experiments.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.experiments.spec.SpecError;

class CostProfileTest {

    @TempDir
    Path dir;

    private static CostProfile sample() {
        return new CostProfile(Map.of("model", "AMD \"EPYC\"", "cpus", "2"), "host-sysfs",
                List.of(new Series("syscall", "perf bench syscall basic -l 1000000", "ns/call", List.of(497.0, 501.5,
                        480.25))),
                List.of(new HackbenchFigure(2, 10, 500, 100, "hackbench -p -g 2", List.of(0.2, 0.1, 0.3),
                        List.of(0.25, 0.2, 0.3), List.of(12_345_678.0, 9_000.0, 10_000.0))),
                CostInference.infer(2_445_406_000L, 497, 11_250, 12_311, 9_038, true));
    }

    @Test
    void aWrittenProfileReadsBackWithItsCostsMeasurementsAndHackbenchFigures() throws IOException {
        CostProfile p = sample();
        Path file = dir.resolve("p.yaml");
        p.write(file);
        List<SpecError> errors = new ArrayList<>();
        CostProfile back = CostProfile.read(file, errors).orElseThrow(() -> new AssertionError(errors));
        assertEquals(p.costModel(), back.costModel());
        assertEquals(p.costs(), back.costs(), "values and where each came from");
        assertEquals(497.0, back.series().getFirst().median());
        assertEquals(0.2, back.hackbench().getFirst().medianSeconds());
        assertEquals(2 * 10 * 10 * 500, back.hackbench().getFirst().messages());
        assertEquals(p.hackbench(), back.hackbench(), "every run's wall time, CPU time and switches");
        assertEquals("AMD \"EPYC\"", back.host().get("model"));
        assertEquals("host-sysfs", back.topology());
    }

    @Test
    void anUnknownFieldABadNumberAndAMissingFileAreReportedWithTheirLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                costs:
                  contextSwitch: {value: 3000, from: measured}
                  contextSwich: 12
                  syscallEntry: {value: -4}
                  frequencyHz: lots
                """);
        List<SpecError> errors = new ArrayList<>();
        Optional<CostProfile> p = CostProfile.read(file, errors);
        assertTrue(p.isEmpty());
        List<String> lines = errors.stream().map(SpecError::toString).toList();
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith(file + ":3:3: costs.contextSwich: unknown field 'contextSwich'"),
                lines::toString);
        assertTrue(lines.get(1).startsWith(file + ":4:25: costs.syscallEntry.value: expected an integer from 0 up, "
                + "found '-4'"), lines::toString);
        assertTrue(lines.get(2).startsWith(file + ":5:16: costs.frequencyHz: expected an integer from 1 to"),
                lines::toString);
        errors.clear();
        assertTrue(CostProfile.read(dir.resolve("absent.yaml"), errors).isEmpty());
        assertTrue(errors.getFirst().toString().contains("cannot read the cost profile"), errors::toString);
    }
}
