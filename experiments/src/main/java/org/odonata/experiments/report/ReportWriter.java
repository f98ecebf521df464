package org.odonata.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.odonata.command.AtomicFolder;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.Variant;
import org.odonata.experiments.stats.Estimate;
import org.odonata.experiments.stats.MetricSummary;
import org.odonata.experiments.stats.Summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a finished run to {@code results/<experiment>/<run-id>/}: config.json (the resolved configuration,
 * seeds, bundles, host and JDK), trials.csv, summary.json (with the digest), report.md (the comparison tables)
 * and charts/ (PNG and SVG: bars with confidence intervals per metric, latency CDFs, sweep lines). The run id is
 * the first 12 hex digits of the digest, so the same results land in the same folder. The folder appears whole or
 * not at all: everything is written into a hidden temporary folder, report.md last, which is then renamed into
 * place ({@link AtomicFolder}). Cost: a few hundred milliseconds for the charts.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The Chrome/Perfetto trace of the traced trial, if one was requested. */
    public static final String TRACE_FILE = "trace.json";

    private ReportWriter() {
    }

    /** The files every complete run folder holds; report.md is written last. */
    public static final List<String> FILES = List.of("config.json", "trials.csv", "summary.json", "report.md");

    /**
     * Where a run with this digest goes under {@code resultsRoot}.
     *
     * @throws IllegalArgumentException if the experiment's name would lead out of {@code resultsRoot} (the spec
     *                                  reader refuses such names; this guards every other caller)
     */
    public static Path folder(Path resultsRoot, ExperimentRun run) {
        Path root = resultsRoot.toAbsolutePath().normalize();
        Path dir = root.resolve(run.config().name()).resolve(runId(run.digest())).normalize();
        if (!dir.getParent().getParent().equals(root)) {
            throw new IllegalArgumentException("the experiment name '" + run.config().name() + "' would put its "
                    + "results outside " + root);
        }
        return resultsRoot.resolve(run.config().name()).resolve(runId(run.digest()));
    }

    public static String runId(String digest) {
        return digest.substring(0, 12);
    }

    /**
     * @param environment bundle names and versions, host and JDK (see {@link RunEnvironment})
     */
    public static Path write(Path resultsRoot, ExperimentRun run, Summary summary, RunEnvironment environment)
            throws IOException {
        Path target = folder(resultsRoot, run);
        try (AtomicFolder folder = AtomicFolder.create(target)) {
            Path dir = folder.dir();
            JSON.writeValue(dir.resolve("config.json").toFile(), config(run, environment));
            Files.writeString(dir.resolve("trials.csv"), csv(run));
            JSON.writeValue(dir.resolve("summary.json").toFile(), summaryJson(run, summary));
            for (TrialResult r : run.results()) {
                if (r.trace() != null) {
                    Files.write(dir.resolve(TRACE_FILE), r.trace());
                }
            }
            List<String> charts = charts(dir.resolve("charts"), run, summary);
            Files.writeString(dir.resolve("report.md"), markdown(run, summary, charts));
            folder.commit();
        }
        return target;
    }

    private static Map<String, Object> config(ExperimentRun run, RunEnvironment env) {
        Map<String, Object> m = new LinkedHashMap<>(run.config().toMap());
        List<Map<String, Object>> seeds = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (TrialResult r : run.results()) {
            if (seen.add(r.trial().pointIndex() + "/" + r.trial().index())) {
                seeds.add(Map.of("point", r.trial().point().pointLabel(), "trial", r.trial().index(), "seed",
                        r.trial().seed()));
            }
        }
        m.put("trialSeeds", seeds);
        m.put("seedRule", "trial seed = SplitMix64(seed + 0x9E3779B97F4A7C15 * (trial + 1)); the machine uses "
                + "machine.seed when set, else the trial seed");
        m.put("measurementWindow", "kernel counters, CPU times (Kernel.cpuTimes) and token hold and wait counts "
                + "and means are differenced between the end of the warm-up and the end of the window; latency "
                + "histograms are reset at the end of the warm-up; token_wait_p99_since_boot_ns is NOT windowed: the "
                + "kernel summarises token waits since boot as percentiles, which two snapshots cannot difference");
        m.put("bundles", env.bundlesForConfig());
        m.put("host", env.host());
        m.put("jdk", env.jdk());
        m.put("hostThreads", run.threads());
        return m;
    }

    private static String csv(ExperimentRun run) {
        Set<String> metrics = new LinkedHashSet<>();
        run.results().forEach(r -> metrics.addAll(r.metrics().keySet()));
        StringBuilder b = new StringBuilder("point,variant,workload,trial,seed,status,reason");
        metrics.forEach(m -> b.append(',').append(m));
        b.append('\n');
        for (TrialResult r : run.results()) {
            b.append(quote(r.trial().point().pointLabel())).append(',').append(quote(r.trial().variant().name()))
                    .append(',').append(quote(r.trial().workload().label())).append(',').append(r.trial().index())
                    .append(',').append(r.trial().seed()).append(',').append(status(r)).append(',')
                    .append(r.ok() ? "" : quote(r.failure()));
            for (String m : metrics) {
                Double v = r.metrics().get(m);
                b.append(',').append(v == null ? "" : number(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String status(TrialResult r) {
        return r.ok() ? "ok" : r.interrupted() ? "interrupted" : "failed";
    }

    private static Map<String, Object> summaryJson(ExperimentRun run, Summary summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", run.config().name());
        m.put("runId", runId(run.digest()));
        m.put("digest", run.digest());
        m.put("trials", run.results().size());
        m.put("failed", run.failures());
        m.put("interrupted", run.interrupted());
        m.put("finished", run.finished());
        m.put("hostThreads", run.threads());
        m.put("hostSeconds", run.hostSeconds());
        m.put("variants", run.config().points().get(0).variants().stream().map(Variant::name).toList());
        m.put("failures", run.results().stream().filter(TrialResult::failed)
                .map(r -> Map.of("trial", r.trial().label(), "reason", r.failure())).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MetricSummary r : summary.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("point", r.point());
            row.put("workload", r.workload());
            row.put("variant", r.variant());
            row.put("metric", r.metric());
            row.put("n", r.estimate().n());
            row.put("mean", finite(r.estimate().mean()));
            row.put("sd", finite(r.estimate().sd()));
            row.put("ciLow", finite(r.estimate().ciLow()));
            row.put("ciHigh", finite(r.estimate().ciHigh()));
            row.put("relDiff", finite(r.vsBaseline().relativeDifference()));
            row.put("pValue", finite(r.vsBaseline().pValue()));
            rows.add(row);
        }
        m.put("metrics", rows);
        return m;
    }

    private static List<String> charts(Path dir, ExperimentRun run, Summary summary) throws IOException {
        List<String> files = new ArrayList<>();
        List<Spec> points = run.config().points();
        for (Spec point : points) {
            MetricSelection sel = new MetricSelection(point.metrics());
            String pl = point.pointLabel();
            String prefix = points.size() == 1 ? "" : ChartFiles.safe(pl) + "-";
            for (String metric : sel.select(summary.metrics())) {
                List<MetricSummary> rows = summary.rows().stream()
                        .filter(r -> r.point().equals(pl) && r.metric().equals(metric)).toList();
                if (rows.isEmpty()) {
                    continue;
                }
                String name = prefix + "bar-" + ChartFiles.safe(metric);
                ChartFiles.write(BarChart.of(run.config().name() + ": " + metric + (prefix.isEmpty() ? "" : " @ " + pl)
                        + " (mean, 95% CI)", metric, rows), dir, name);
                files.add(name);
            }
            for (String workload : point.workloads()) {
                Map<String, Map<String, Histogram>> byLatency = new LinkedHashMap<>();
                for (TrialResult r : run.results()) {
                    if (!r.ok() || r.trial().point() != point || !r.trial().workload().label().equals(workload)) {
                        continue;
                    }
                    r.latencies().forEach((lat, h) -> byLatency.computeIfAbsent(lat, k -> new LinkedHashMap<>())
                            .merge(r.trial().variant().name(), h.copy(), (a, x) -> {
                                a.add(x);
                                return a;
                            }));
                }
                for (Map.Entry<String, Map<String, Histogram>> e : byLatency.entrySet()) {
                    String name = prefix + "cdf-" + ChartFiles.safe(workload) + "-" + ChartFiles.safe(e.getKey());
                    ChartFiles.write(LatencyCdf.of(workload + ": " + e.getKey() + " latency CDF", e.getValue()), dir,
                            name);
                    files.add(name);
                }
            }
        }
        if (points.size() > 1) {
            files.addAll(sweepCharts(dir, run, summary));
        }
        return files;
    }

    private static List<String> sweepCharts(Path dir, ExperimentRun run, Summary summary) throws IOException {
        List<String> files = new ArrayList<>();
        List<Spec> points = run.config().points();
        double[] xs = new double[points.size()];
        String xLabel = "sweep point";
        boolean numeric = run.config().sweep().size() == 1;
        for (int i = 0; i < points.size(); i++) {
            Object v = points.get(i).point().values().iterator().next();
            numeric &= v instanceof Number;
            xs[i] = i;
        }
        if (numeric) {
            xLabel = run.config().sweep().keySet().iterator().next();
            for (int i = 0; i < points.size(); i++) {
                xs[i] = ((Number) points.get(i).point().values().iterator().next()).doubleValue();
            }
        }
        Spec first = points.get(0);
        for (String workload : first.workloads()) {
            for (String metric : new MetricSelection(first.metrics()).select(summary.metrics())) {
                Map<String, List<Estimate>> byVariant = new LinkedHashMap<>();
                for (Variant v : first.variants()) {
                    List<Estimate> ests = new ArrayList<>();
                    for (Spec p : points) {
                        List<MetricSummary> s = summary.select(p.pointLabel(), workload, metric).stream()
                                .filter(r -> r.variant().equals(v.name())).toList();
                        ests.add(s.isEmpty() ? null : s.get(0).estimate());
                    }
                    byVariant.put(v.name(), ests);
                }
                String name = "sweep-" + ChartFiles.safe(workload) + "-" + ChartFiles.safe(metric);
                ChartFiles.write(SweepChart.of(workload + ": " + metric, xLabel, metric, xs, byVariant), dir, name);
                files.add(name);
            }
        }
        return files;
    }

    private static String markdown(ExperimentRun run, Summary summary, List<String> charts) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(run.config().name()).append("\n\n");
        if (!run.config().description().isEmpty()) {
            b.append(run.config().description()).append("\n\n");
        }
        if (run.interrupted()) {
            b.append("**Interrupted:** the run was stopped by the user after ").append(run.finished())
                    .append(" of ").append(run.results().size()).append(" trials; the tables cover the trials that "
                    + "finished, and the digest is not that of a complete run.\n\n");
        }
        b.append("digest: `").append(run.digest()).append("`  \n");
        b.append(String.format(Locale.ROOT, "trials: %d (%d failed) on %d host threads in %.1f s  %n",
                run.results().size(), run.failures(), run.threads(), run.hostSeconds()));
        Spec first = run.config().points().get(0);
        b.append("baseline: **").append(first.variants().get(0).name()).append("**; each cell is the mean ± the 95% "
                + "confidence half-width (t distribution) over trials; other variants show the difference to the "
                + "baseline and the p-value of Welch's t-test.\n\n");
        for (Spec point : run.config().points()) {
            MetricSelection sel = new MetricSelection(point.metrics());
            for (String workload : point.workloads()) {
                b.append("## ").append(workload);
                if (!point.point().isEmpty()) {
                    b.append(" @ ").append(point.pointLabel());
                }
                b.append("\n\n| metric |");
                point.variants().forEach(v -> b.append(' ').append(v.name()).append(" |"));
                b.append("\n|---|");
                point.variants().forEach(v -> b.append("---|"));
                b.append('\n');
                for (String metric : sel.select(summary.metrics())) {
                    List<MetricSummary> rows = summary.select(point.pointLabel(), workload, metric);
                    if (rows.isEmpty()) {
                        continue;
                    }
                    b.append("| ").append(metric).append(" |");
                    for (MetricSummary r : rows) {
                        b.append(' ').append(cell(r)).append(" |");
                    }
                    b.append('\n');
                }
                b.append('\n');
            }
        }
        if (run.failures() > 0) {
            b.append("## Failed trials\n\n");
            run.results().stream().filter(TrialResult::failed)
                    .forEach(r -> b.append("- ").append(r.trial().label()).append(": ").append(r.failure()).append('\n'));
            b.append('\n');
        }
        b.append("## Charts\n\n");
        charts.forEach(c -> b.append("- [").append(c).append("](charts/").append(c).append(".svg) ([png](charts/")
                .append(c).append(".png))\n"));
        b.append("\n## Notes\n\n- Throughput is the workload's own counter per virtual second of the measured window.\n"
                + "- cpuN.util is CPU N's user plus system time over the window (Kernel.cpuTimes(), exact virtual "
                + "time); cpu_util, cpu_user and cpu_system average over the CPUs.\n"
                + "- token_holds, token_hold_mean_ns, token_waits and token_wait_mean_ns cover the window only (the "
                + "kernel's since-boot counts and totals are differenced); token_wait_p99_since_boot_ns cannot be "
                + "windowed (the kernel gives a percentile, not a histogram) and includes the warm-up.\n");
        run.results().stream().filter(r -> r.trace() != null).findFirst().ifPresentOrElse(
                r -> b.append("- [").append(TRACE_FILE).append("](").append(TRACE_FILE).append("): the scheduling "
                        + "events of ").append(r.trial().label()).append(" (Chrome trace-event JSON; open it in "
                        + "ui.perfetto.dev).\n"),
                () -> b.append("- No trace: ask for one with `trace: {trial: 0}` in the spec or `exp:run … "
                        + "--trace`.\n"));
        return b.toString();
    }

    private static String cell(MetricSummary r) {
        Estimate e = r.estimate();
        if (e.n() == 0) {
            return "–";
        }
        String s = number(e.mean()) + (Double.isNaN(e.halfWidth()) ? "" : " ± " + number(e.halfWidth()));
        if (!Double.isNaN(r.vsBaseline().pValue()) || r.vsBaseline().relativeDifference() != 0) {
            s += String.format(Locale.ROOT, " (%+.1f%%, p=%s)", r.vsBaseline().relativeDifference() * 100,
                    Double.isNaN(r.vsBaseline().pValue()) ? "n/a" : String.format(Locale.ROOT, "%.3g",
                            r.vsBaseline().pValue()));
        }
        return s;
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
