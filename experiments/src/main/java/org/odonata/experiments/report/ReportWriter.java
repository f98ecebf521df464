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
import org.odonata.api.kern.Fault;
import org.odonata.api.repo.InstalledBundle;
import org.odonata.command.AtomicFolder;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.Variant;
import org.odonata.api.metric.Metric;
import org.odonata.experiments.stats.Comparison;
import org.odonata.experiments.stats.Estimate;
import org.odonata.experiments.stats.MetricSummary;
import org.odonata.experiments.stats.Summary;
import org.odonata.experiments.units.MetricUnits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a finished run to {@code results/<experiment>/<run-id>/}: config.json (the resolved configuration,
 * seeds, bundles, host and JDK), trials.csv, summary.json (with the digest), report.md (the comparison tables)
 * charts/ (PNG, SVG and PDF: markers with intervals per metric, latency CDFs, sweep lines) and, last, report.html
 * (the self-contained page with all of it). The run id is the first 12 hex digits of the digest, so the same
 * results land in the same folder. The folder appears whole or not at all: everything is written into a hidden
 * temporary folder, report.html last, which is then renamed into place ({@link AtomicFolder}). Cost: a few hundred
 * milliseconds for the charts.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The self-contained report page, written last. */
    public static final String REPORT_HTML = "report.html";

    /** The Chrome/Perfetto trace of the traced trial, if one was requested. */
    public static final String TRACE_FILE = "trace.json";
    /** Written when the kernel recorded a fault in some trial. */
    public static final String FAULTS_FILE = "faults.txt";

    private ReportWriter() {
    }

    /** The files every complete run folder holds; report.html, written after them, is not required of runs from before it. */
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
            if (run.results().stream().anyMatch(r -> !r.faults().isEmpty())) {
                Files.writeString(dir.resolve(FAULTS_FILE), faultsText(run));
            }
            List<String> charts = RunCharts.write(dir.resolve("charts"), run, summary);
            Files.writeString(dir.resolve("report.md"), markdown(run, summary, charts, environment));
            // last: the page links every file above
            Files.writeString(dir.resolve(REPORT_HTML), HtmlReport.render(dir, run, summary, config(run, environment),
                    environment.bundles(), charts));
            folder.commit();
        }
        return target;
    }

    /**
     * The terminal's summary of a run: a compact table per point and workload (means with units, differences
     * with a star where p &lt; 0.05) and a line saying which test made the stars; report.md has the intervals.
     */
    public static String terminal(ExperimentRun run, Summary summary) {
        StringBuilder b = new StringBuilder();
        for (Tables.Table t : Tables.of(run.config().points(), summary)) {
            b.append(Tables.compact(t)).append('\n');
        }
        b.append("baseline: ").append(run.config().points().get(0).variants().get(0).name())
                .append("; differences relative to its mean, * where p < 0.05 (")
                .append(summary.choice().test().description()).append("); intervals and p-values in report.md\n");
        return b.toString();
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

    /**
     * One row per trial, raw values (durations in ns); each metric's header is {@code name [unit]}
     * ({@code throughput [msg/s]}, {@code cpu_util} for a unitless fraction).
     */
    private static String csv(ExperimentRun run) {
        Set<String> metrics = new LinkedHashSet<>();
        run.results().forEach(r -> metrics.addAll(r.allMetrics().keySet()));
        MetricUnits units = run.units();
        StringBuilder b = new StringBuilder("point,variant,workload,trial,seed,status,reason");
        metrics.forEach(m -> b.append(',').append(quote(csvHeader(units.common(m)))));
        b.append('\n');
        for (TrialResult r : run.results()) {
            b.append(quote(r.trial().point().pointLabel())).append(',').append(quote(r.trial().variant().name()))
                    .append(',').append(quote(r.trial().workload().label())).append(',').append(r.trial().index())
                    .append(',').append(r.trial().seed()).append(',').append(status(r)).append(',')
                    .append(r.ok() ? quote(ejectionNote(r)) : quote(r.failure()));
            for (String m : metrics) {
                Double v = r.allMetrics().get(m);
                b.append(',').append(v == null ? "" : raw(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** For a trial that counts despite ejections (the spec allows them): what was ejected; else empty. */
    private static String ejectionNote(TrialResult r) {
        List<String> lines = r.faults().stream().filter(Fault::ejection).map(Fault::line).toList();
        return lines.isEmpty() ? "" : "allowed ejection: " + String.join("; ", lines);
    }

    /** Every trial's faults in full: the line, the stack trace and the kernel's dump. */
    private static String faultsText(ExperimentRun run) {
        StringBuilder b = new StringBuilder();
        for (TrialResult r : run.results()) {
            for (Fault f : r.faults()) {
                b.append("== ").append(r.trial().label()).append(": ").append(f.line()).append('\n');
                if (!f.stackTrace().isEmpty()) {
                    b.append(f.stackTrace().stripTrailing()).append('\n');
                }
                f.dump().forEach(l -> b.append(l).append('\n'));
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String status(TrialResult r) {
        return r.ok() ? "ok" : r.interrupted() ? "interrupted" : "failed";
    }

    /** The trials.csv header of a metric: {@code name [unit]}, or the bare name when it has no unit. */
    public static String csvHeader(Metric m) {
        return m.unit().isEmpty() ? m.name() : m.name() + " [" + m.unit() + "]";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summaryJson(ExperimentRun run, Summary summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", run.config().name());
        m.put("runId", runId(run.digest()));
        m.put("digest", run.digest());
        m.put("set", run.config().sets());
        m.put("stats", summary.choice().toMap());
        m.put("statsCaption", summary.choice().caption());
        m.put("trials", run.results().size());
        m.put("failed", run.failures());
        m.put("interrupted", run.interrupted());
        m.put("finished", run.finished());
        m.put("hostThreads", run.threads());
        m.put("hostSeconds", run.hostSeconds());
        m.put("variants", run.config().points().get(0).variants().stream().map(Variant::name).toList());
        m.put("failures", run.results().stream().filter(TrialResult::failed)
                .map(r -> Map.of("trial", r.trial().label(), "reason", r.failure())).toList());
        m.put("ejections", run.results().stream().flatMap(r -> r.faults().stream().filter(Fault::ejection)
                .map(f -> Map.of("trial", r.trial().label(), "fault", f.line(), "counted", r.ok()))).toList());
        Map<String, Object> units = new LinkedHashMap<>();
        for (MetricSummary r : summary.rows()) {
            Metric u = r.unit();
            ((Map<String, Object>) units.computeIfAbsent(r.workload(), k -> new LinkedHashMap<String, Object>()))
                    .putIfAbsent(r.metric(), Map.of("kind", u.kind().name().toLowerCase(Locale.ROOT), "unit", u.unit(),
                            "description", u.description()));
        }
        m.put("units", units);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MetricSummary r : summary.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("point", r.point());
            row.put("workload", r.workload());
            row.put("variant", r.variant());
            row.put("metric", r.metric());
            row.put("unit", r.unit().unit());
            row.put("kind", r.unit().kind().name().toLowerCase(Locale.ROOT));
            row.put("n", r.estimate().n());
            row.put("mean", finite(r.estimate().mean()));
            row.put("sd", finite(r.estimate().sd()));
            row.put("ciLow", finite(r.estimate().ciLow()));
            row.put("ciHigh", finite(r.estimate().ciHigh()));
            Comparison c = r.vsBaseline();
            if (!c.isBaseline()) {
                row.put("test", c.test().key());
                row.put("pairs", c.n());
                row.put("diff", finite(c.difference()));
                row.put("diffLow", finite(c.differenceLow()));
                row.put("diffHigh", finite(c.differenceHigh()));
                row.put("relDiff", finite(c.relativeDifference()));
                if (!c.relativeNote().isEmpty()) {
                    row.put("relDiffNote", c.relativeNote());
                }
                row.put("pValue", finite(c.pValue()));
                if (!c.pNote().isEmpty()) {
                    row.put("pValueNote", c.pNote());
                }
            }
            rows.add(row);
        }
        m.put("metrics", rows);
        return m;
    }

    private static String markdown(ExperimentRun run, Summary summary, List<String> charts, RunEnvironment env) {
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
        b.append("baseline: **").append(first.variants().get(0).name()).append("**; each cell is the ")
                .append(summary.choice().caption()).append(", relative to the baseline's mean. Durations are "
                        + "virtual time.\n\n");
        List<InstalledBundle> unsafe = env.unsafeBundles();
        if (!unsafe.isEmpty()) {
            b.append("## Unverified code\n\nThe bundle verifier refused these bundles and they ran because the run was "
                    + "started with `--unsafe`: they may read the host clock, use unseeded randomness or block, so "
                    + "these results may not be reproducible. config.json has their SHA-256 and location.\n\n");
            unsafe.forEach(x -> b.append("- `").append(x.symbolicName()).append("` ").append(x.version()).append(": ")
                    .append(x.verdict()).append('\n'));
            b.append('\n');
        }
        for (Tables.Table t : Tables.of(run.config().points(), summary)) {
            b.append("## ").append(t.title()).append("\n\n").append(Tables.markdown(t)).append('\n');
        }
        if (run.ejections() > 0) {
            b.append("## Ejections\n\nThe kernel ejected an implementation and carried on with the reference one; "
                    + "a trial with an ejection fails unless the spec says `allow-ejections: true`. Stack traces and "
                    + "the kernel's dumps are in [").append(FAULTS_FILE).append("](").append(FAULTS_FILE)
                    .append(").\n\n");
            run.results().stream().filter(r -> r.ejections() > 0).forEach(r -> r.faults().stream()
                    .filter(Fault::ejection).forEach(f -> b.append("- ").append(r.trial().label()).append(": ")
                            .append(f.line()).append(r.ok() ? " (allowed: the trial counts)" : " (the trial failed)")
                            .append('\n')));
            b.append('\n');
        }
        if (run.failures() > 0) {
            b.append("## Failed trials\n\n");
            run.results().stream().filter(TrialResult::failed)
                    .forEach(r -> b.append("- ").append(r.trial().label()).append(": ").append(r.failure()).append('\n'));
            b.append('\n');
        }
        b.append("## Charts\n\n");
        charts.forEach(c -> b.append("- [").append(c).append("](charts/").append(c).append(".svg) ([png](charts/")
                .append(c).append(".png), [pdf](charts/").append(c).append(".pdf))\n"));
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

    /** A raw value as trials.csv keeps it: an integer without a point, else the shortest exact decimal. */
    static String raw(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
