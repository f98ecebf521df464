package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.ResultStore;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.Summary;

/** F3: an experiment interrupted by the user keeps the trials it finished, written as a run marked interrupted. */
class InterruptedRunTest {

    private static final String SPEC = """
            name: interrupted
            machine: {preset: smp-4}
            variants: [{name: dfly, sched: dfly}]
            workloads: [{type: tokenscale, parameters: {copies: 4}}]
            trials: 400
            warmup: 1ms
            measure: 30ms
            """;

    @Test
    void anInterruptedRunKeepsWhatFinishedAndIsWrittenAsInterrupted(@TempDir Path results) throws Exception {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("interrupted.yaml"), SPEC, List.of());
        CountDownLatch firstDone = new CountDownLatch(1);
        AtomicReference<ExperimentRun> run = new AtomicReference<>();
        Thread t = new Thread(() -> run.set(new ExperimentRunner(impl).run(c, 1, line -> {
            if (line.matches("trials [1-9].*")) {
                firstDone.countDown();
            }
        })));
        t.start();
        firstDone.await();
        t.interrupt();
        t.join();
        ExperimentRun r = run.get();
        assertTrue(r.interrupted());
        assertEquals(400, r.results().size());
        assertTrue(r.finished() >= 1 && r.finished() < 400, "finished " + r.finished());
        assertEquals(0, r.failures(), "an interrupted trial is not a failure");
        assertTrue(r.results().stream().filter(x -> !x.interrupted()).allMatch(TrialResult::ok));

        Path dir = ReportWriter.write(results, r, Summary.of(r), RunEnvironment.current());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("**Interrupted:**"));
        assertTrue(Files.readString(dir.resolve("trials.csv")).contains(",interrupted,"));
        String list = new ResultStore(results).list();
        assertTrue(list.contains("INTERRUPTED after " + r.finished() + " trials"), list);
    }

    @Test
    void aFolderKilledWhileBeingWrittenIsListedAsIncompleteAndShowSaysWhatIsMissing(@TempDir Path results)
            throws IOException {
        Path run = Files.createDirectories(results.resolve("killme").resolve("79d84941c756"));
        Files.writeString(run.resolve("config.json"), "{}");
        Files.writeString(run.resolve("trials.csv"), "point\n");
        Files.writeString(run.resolve("summary.json"), "{}");
        Files.createDirectories(run.resolve("charts"));
        Files.createFile(run.resolve("charts").resolve("bar-throughput.png"));
        Files.createDirectories(results.resolve("killme").resolve(".abc123.partial-42-1"));
        Files.createDirectories(results.resolve("killme").resolve("shards").resolve("0123456789ab-1-of-2"));
        ResultStore store = new ResultStore(results);
        String list = store.list();
        assertTrue(!list.contains("shards"), "exp:run --shard's folder is not a run: " + list);
        assertTrue(list.contains("79d84941c756") && list.contains("INCOMPLETE: report.md is missing; "
                + "charts/bar-throughput.png is empty"), list);
        assertTrue(list.contains("abc123") && list.contains("its writer stopped before finishing"), list);
        assertEquals(List.of(), store.runs());
        String why = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store.find("79d8")).getMessage();
        assertTrue(why.contains("is incomplete: report.md is missing") && why.contains("run the spec again"), why);
    }

    @Test
    void aRewriteReplacesTheOldFolderWhole(@TempDir Path results) throws IOException {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("interrupted.yaml"), SPEC.replace("trials: 400",
                "trials: 1"), List.of());
        ExperimentRun r = new ExperimentRunner(impl).run(c, 1, line -> { });
        Path dir = ReportWriter.write(results, r, Summary.of(r), RunEnvironment.current());
        // report.html, written last, is inside the folder when it appears
        assertTrue(Files.size(dir.resolve(ReportWriter.REPORT_HTML)) > 0);
        Files.writeString(dir.resolve("stale.txt"), "from an older writer");
        assertEquals(dir, ReportWriter.write(results, r, Summary.of(r), RunEnvironment.current()));
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        try (var s = Files.list(dir.getParent())) {
            assertEquals(List.of(dir.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
