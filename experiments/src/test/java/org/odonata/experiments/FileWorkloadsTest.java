package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecException;
import org.odonata.experiments.spec.SpecReader;

/** machine.rootfs and machine.disks in specs, and make building with files on tmpfs and on HAMMER. */
class FileWorkloadsTest {

    private static final Path DIR = Path.of("target/file-workloads");

    private static ResolvedConfig read(String spec) throws IOException {
        Files.createDirectories(DIR);
        return new SpecReader(RealImplementations.all()).read(DIR.resolve("spec.yaml"), spec, List.of());
    }

    private static List<TrialResult> run(String spec) throws IOException {
        Implementations impl = RealImplementations.all();
        return new ExperimentRunner(impl).run(read(spec), 2, line -> { }).results();
    }

    @Test
    void makeWithFilesBuildsOnATmpfsRootAndOnAHammerRootMadeAtBoot() throws IOException {
        String spec = """
                name: make-files
                machine: {preset: smp-4}
                variants:
                  - {name: tmpfs, parameters: {machine.rootfs: tmpfs}}
                  - {name: hammer, parameters: {machine.rootfs: hammer}}
                trials: 1
                warmup: 20ms
                measure: 100ms
                workloads:
                  - {type: make, parameters: {files: true, jobs: 4, compile: 500us, sources: 16}}
                """;
        Map<String, TrialResult> byVariant = run(spec).stream()
                .collect(Collectors.toMap(r -> r.trial().variant().name(), r -> r));
        for (TrialResult r : byVariant.values()) {
            Map<String, Double> m = r.metrics();
            assertTrue(r.ok(), r.trial().label() + ": " + r.failure());
            assertEquals(0.0, m.get("wl.errors"), r.trial().label() + ": no file call fails");
            assertTrue(m.get("wl.targets") > 16, "targets wrap around the 16 sources: " + m);
            assertEquals(m.get("wl.targets"), m.get("wl.objects"), 1.0 * 4, "an object per target (±jobs in flight)");
            // each cc1 reads its 8 KiB source and the 8 headers of 4 KiB
            assertEquals((8192 + 8 * 4096) * m.get("wl.targets"), m.get("wl.bytes_read"), (8192 + 8 * 4096) * 4.0);
        }
        assertEquals("hammer", byVariant.get("hammer").trial().variant().machine().rootfs());
        assertEquals(1, byVariant.get("hammer").trial().variant().machine().disks());
        assertTrue(byVariant.get("hammer").metrics().get("lat.target.mean")
                > byVariant.get("tmpfs").metrics().get("lat.target.mean"),
                "HAMMER's VOPs cost more than tmpfs's under the same build");
    }

    @Test
    void aFioJobRunsOnAHammerRoot() throws IOException {
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("w.fio"), "[w]\nrw=randwrite\nbs=4k\nsize=256k\ntime_based\nfsync=16\n");
        String spec = """
                name: fio-hammer
                machine: {preset: smp-4, rootfs: hammer}
                variants: [{name: lwkt}]
                trials: 1
                warmup: 5ms
                measure: 20ms
                workloads: [{type: fio, file: w.fio}]
                """;
        TrialResult r = run(spec).get(0);
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertEquals(0.0, r.metrics().get("wl.errors"));
        assertTrue(r.metrics().get("wl.fsyncs") > 0 && r.metrics().get("throughput") > 0, r.metrics().toString());
    }

    @Test
    void theRootDefaultsAsKernBootDoesAndBadValuesAreNamed() throws IOException {
        String base = "name: r\nvariants: [{name: v}]\nworkloads: [{type: make}]\nmachine: ";
        assertEquals("tmpfs", read(base + "{preset: smp-4}").points().get(0).variants().get(0).machine().rootfs());
        assertEquals("hammer", read(base + "{disks: 2}").points().get(0).variants().get(0).machine().rootfs(),
                "HAMMER on the first disk when the machine has one");
        SpecException unknown = assertThrows(SpecException.class, () -> read(base + "{rootfs: ext4}"));
        assertTrue(unknown.getMessage().contains("machine.rootfs: no filesystem 'ext4'; available: hammer, tmpfs"),
                unknown.getMessage());
        SpecException diskless = assertThrows(SpecException.class, () -> read(base + "{rootfs: hammer, disks: 0}"));
        assertTrue(diskless.getMessage().contains("machine.disks: rootfs hammer needs a disk"),
                diskless.getMessage());
    }

    @Test
    void theFsCompareExampleRunsEveryVariantOnEveryWorkloadWithoutFileErrors() throws IOException {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("specs/fs-compare.yaml"),
                List.of("trials=1", "warmup=5ms", "measure=10ms"));
        List<TrialResult> results = new ExperimentRunner(impl).run(c, 2, line -> { }).results();
        assertEquals(8, results.size(), "4 variants x 2 workloads");
        for (TrialResult r : results) {
            assertTrue(r.ok(), r.trial().label() + ": " + r.failure());
            assertEquals(0.0, r.metrics().get("wl.errors"), r.trial().label());
            assertTrue(r.metrics().get("throughput") > 0, r.trial().label());
        }
    }
}
