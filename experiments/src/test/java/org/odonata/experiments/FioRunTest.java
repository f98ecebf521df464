package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecException;
import org.odonata.experiments.spec.SpecReader;

/** fio job files as spec workloads on the real kernel and VFS: fio's metrics, its stopping rules, bad files. */
class FioRunTest {

    private static List<TrialResult> run(String spec, Map<String, String> files) throws IOException {
        Path dir = Path.of("target/fio-run");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(dir.resolve("spec.yaml"), spec, List.of());
        return new ExperimentRunner(impl).run(c, 2, line -> { }).results();
    }

    @Test
    void aRandomWriteJobReportsIopsBandwidthAndCompletionLatencies() throws IOException {
        String spec = """
                name: fio-randwrite
                machine: {preset: smp-4}
                variants: [{name: lwkt, sched: dfly, sync: lwkt}]
                trials: 2
                warmup: 5ms
                measure: 20ms
                workloads:
                  - {name: root, type: fio, file: rw.fio}
                  - {name: tmpfs, type: fio, file: rw.fio, parameters: {fs: tmpfs}}
                """;
        String job = """
                [global]
                bs=4k
                size=1m
                time_based
                [w]
                rw=randwrite
                numjobs=2
                fsync=8
                """;
        for (TrialResult r : run(spec, Map.of("rw.fio", job))) {
            Map<String, Double> m = r.metrics();
            assertTrue(r.ok(), r.trial().label() + ": " + r.failure());
            assertTrue(m.get("throughput") > 1000, "IOPS per virtual second: " + m);
            assertEquals(m.get("wl.write_ios") * 4096, m.get("wl.write_bytes"), 0.0, "every write is one 4k block");
            assertEquals(0.0, m.get("wl.read_ios"));
            assertEquals(0.0, m.get("wl.errors"));
            assertTrue(m.get("wl.fsyncs") > 0);
            // virtual time advances at the kernel's settle points (about 1 us of charged cycles), so single
            // sub-microsecond writes read 0 or ~1 us; their mean is exact
            assertTrue(m.get("lat.clat_write.mean") > 0 && m.get("lat.clat_write.p99") > 0, m.toString());
            assertTrue(m.get("syscalls") > m.get("wl.write_ios"));
        }
    }

    @Test
    void withoutTimeBasedAJobStopsAfterSizeBytesAndAReadJobLaysItsFileOutFirst() throws IOException {
        String spec = """
                name: fio-size
                machine: {preset: smp-4}
                variants: [{name: lwkt, sched: dfly, sync: lwkt}]
                trials: 1
                warmup: 0ms
                measure: 200ms
                workloads:
                  - {type: fio, file: read.fio}
                """;
        String job = "[r]\nrw=read\nbs=64k\nsize=512k\nioengine=sync\n";
        TrialResult r = run(spec, Map.of("read.fio", job)).get(0);
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertEquals(8.0, r.metrics().get("wl.read_ios"), "512k in 64k reads, then the job ends");
        assertEquals(1.0, r.metrics().get("wl.jobs_done"));
        assertEquals(0.0, r.metrics().get("wl.write_ios"), "the layout is not counted");
    }

    @Test
    void aBadJobFileIsReportedBeforeAnythingRuns() throws IOException {
        Path dir = Path.of("target/fio-run");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bad.fio"), "[j]\nsize=1m\niodepth=8\n");
        String spec = """
                name: fio-bad
                variants: [{name: lwkt, sched: dfly, sync: lwkt}]
                workloads:
                  - {type: fio, file: bad.fio}
                  - {type: fio}
                """;
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> new SpecReader(RealImplementations.all()).read(dir.resolve("spec.yaml"), spec, List.of()));
        assertTrue(e.getMessage().contains("bad.fio:3: unsupported fio option 'iodepth'"), e.getMessage());
        assertTrue(e.getMessage().contains("missing: the fio job file"), e.getMessage());
    }
}
