package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.ResultStore;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.Summary;

/** The README's quickstart spec runs on the real kernel and writes every report file. */
class QuickstartReportTest {

    @Test
    void quickstartWritesConfigTrialsSummaryReportAndCharts() throws IOException {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("specs/quickstart.yaml"), List.of("trials=2"));
        long start = System.nanoTime();
        ExperimentRun run = new ExperimentRunner(impl).run(c, 0, System.out::println);
        System.out.printf("quickstart (2 trials per cell): %.1f s on %d threads, digest %s%n",
                (System.nanoTime() - start) / 1e9, run.threads(), run.digest());
        assertEquals(0, run.failures(), run.results().toString());
        Path root = Path.of("target/results");
        Path dir = ReportWriter.write(root, run, Summary.of(run), RunEnvironment.current());
        for (String f : List.of("config.json", "trials.csv", "summary.json", "report.md",
                "charts/bar-throughput.png", "charts/bar-throughput.svg", "charts/bar-throughput.pdf")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        String config = Files.readString(dir.resolve("config.json"));
        assertTrue(config.contains("\"contextSwitch\"") && config.contains("trialSeeds"), config);
        assertTrue(config.contains("\"bundles\" : \"" + RunEnvironment.OUTSIDE_OSGI + "\""), config);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| throughput |") && report.contains("paired t-test"), report);
        // trials draw from their seeds, so the scheduler comparison has real intervals and p-values, with units
        assertTrue(java.util.regex.Pattern.compile("M msg/s ± [0-9.]*[1-9][0-9.]* M \\([-+−][0-9.]+% \\[[^]]+\\]; p")
                .matcher(report).find(), report);
        // a metric zero by construction (ticket and MCS never count collisions) gets no "-100%"
        assertTrue(report.contains("Δ n/a: 0 in every trial of this variant") && !report.contains("−100.0%"), report);
        String csv = Files.readAllLines(dir.resolve("trials.csv")).get(0);
        assertTrue(csv.contains(",throughput [1/s],") && csv.contains(",token_spin_cycles [cycles],"), csv);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"unit\" : \"msg/s\"") && summary.contains("\"test\" : \"paired-t\""), summary);
        ResultStore store = new ResultStore(root);
        assertTrue(store.list().contains(run.digest().substring(0, 16)), store.list());
        String cmp = store.compare(store.find(ReportWriter.runId(run.digest())), dir, List.of("throughput"));
        assertTrue(cmp.contains("throughput"), cmp);
    }
}
