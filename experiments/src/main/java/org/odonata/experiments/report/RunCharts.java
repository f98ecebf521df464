package org.odonata.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.odonata.api.engine.VirtualDuration;
import org.odonata.api.metric.Metric;
import org.odonata.experiments.chart.ChartStyle;
import org.odonata.experiments.chart.Figure;
import org.odonata.experiments.chart.Panels;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.MachineConfig;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.stats.MetricSummary;
import org.odonata.experiments.stats.Summary;

/**
 * Every figure of a run, in {@code charts/} as PNG, SVG and PDF: without a sweep, {@code bar-METRIC} (a panel per
 * workload, a marker per variant); with one, {@code sweep-METRIC} (a panel per workload, and per value of any
 * further swept key, the first swept key on x); and {@code cdf-LATENCY} (a panel per workload and sweep point).
 * Every caption names what is drawn, the interval, the machine, the seed and the trial count.
 */
final class RunCharts {

    private final ExperimentRun run;
    private final Summary summary;
    private final List<String> variants;

    private RunCharts(ExperimentRun run, Summary summary) {
        this.run = run;
        this.summary = summary;
        this.variants = run.config().points().get(0).variants().stream().map(v -> v.name()).toList();
    }

    /** Writes the figures and returns their names (without extension), in the order the report lists them. */
    static List<String> write(Path dir, ExperimentRun run, Summary summary) throws IOException {
        return new RunCharts(run, summary).write(dir);
    }

    private List<String> write(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        List<Spec> points = run.config().points();
        Spec first = points.get(0);
        List<String> metrics = new MetricSelection(first.metrics()).select(summary.metrics());
        for (String metric : metrics) {
            Metric unit = summary.units().common(metric);
            String name = (points.size() == 1 ? "bar-" : "sweep-") + safe(metric);
            Figure f = points.size() == 1 ? bars(first, metric, unit) : sweep(metric, unit);
            if (f != null) {
                f.write(dir, name);
                files.add(name);
            }
        }
        for (Map.Entry<String, Map<String, Map<String, Histogram>>> e : latencies().entrySet()) {
            List<JFreeChart> panels = new ArrayList<>();
            e.getValue().forEach((panel, byVariant) -> panels.add(Panels.cdf(panel, e.getKey(), variants, byVariant)));
            String name = "cdf-" + safe(e.getKey());
            new Figure(run.config().name() + ": " + e.getKey() + " latency CDF", variants, panels,
                    "Fraction of " + e.getKey() + " latencies at or below x, from every trial's histogram merged per "
                            + "variant (HdrHistogram, 3 significant digits); markers at the 50th, 90th and 99th "
                            + "percentiles. " + context()).write(dir, name);
            files.add(name);
        }
        return files;
    }

    private Figure bars(Spec point, String metric, Metric unit) {
        List<JFreeChart> panels = new ArrayList<>();
        for (String workload : point.workloads()) {
            List<MetricSummary> rows = summary.select(point.pointLabel(), workload, metric);
            if (rows.isEmpty()) {
                continue;
            }
            panels.add(Panels.variants(workload, rows.get(0).unit(), variants, cells(rows)));
        }
        if (panels.isEmpty()) {
            return null;
        }
        return new Figure(run.config().name() + ": " + metric, List.of(), panels,
                describe(unit) + intervalText() + " " + context());
    }

    private Figure sweep(String metric, Metric unit) {
        List<Spec> points = run.config().points();
        SweepAxis axis = SweepAxis.of(run.config());
        Map<String, List<Spec>> groups = new LinkedHashMap<>();
        for (Spec p : points) {
            groups.computeIfAbsent(axis.rest(p), k -> new ArrayList<>()).add(p);
        }
        List<JFreeChart> panels = new ArrayList<>();
        for (String workload : points.get(0).workloads()) {
            for (Map.Entry<String, List<Spec>> g : groups.entrySet()) {
                List<Spec> ps = g.getValue();
                double[] xs = ps.stream().mapToDouble(axis::x).toArray();
                List<List<Panels.Cell>> byVariant = new ArrayList<>();
                boolean any = false;
                for (String v : variants) {
                    List<Panels.Cell> cells = new ArrayList<>();
                    for (Spec p : ps) {
                        MetricSummary s = summary.select(p.pointLabel(), workload, metric).stream()
                                .filter(r -> r.variant().equals(v)).findFirst().orElse(null);
                        cells.add(s == null ? null : new Panels.Cell(s.estimate(), s.samples()));
                        any |= s != null;
                    }
                    byVariant.add(cells);
                }
                if (any) {
                    String title = workload + (g.getKey().isEmpty() ? "" : " @ " + g.getKey());
                    panels.add(Panels.sweep(title, summary.units().of(workload, metric), axis.label(), xs, axis.log2(),
                            variants, byVariant));
                }
            }
        }
        if (panels.isEmpty()) {
            return null;
        }
        return new Figure(run.config().name() + ": " + metric + " by " + axis.label(), variants, panels,
                describe(unit) + intervalText() + " x: " + axis.describe() + ". " + context());
    }

    private static List<Panels.Cell> cells(List<MetricSummary> rows) {
        return rows.stream().map(r -> new Panels.Cell(r.estimate(), r.samples())).toList();
    }

    private static String describe(Metric unit) {
        return unit.description().isEmpty() || unit.description().startsWith("(")
                || unit.description().equals("differs by workload") ? ""
                : unit.name() + ": " + unit.description() + ". ";
    }

    /** Latency histograms merged per (latency name) → (panel: workload and point) → variant. */
    private Map<String, Map<String, Map<String, Histogram>>> latencies() {
        Map<String, Map<String, Map<String, Histogram>>> out = new LinkedHashMap<>();
        boolean sweep = run.config().points().size() > 1;
        for (TrialResult r : run.results()) {
            if (!r.ok()) {
                continue;
            }
            String panel = r.trial().workload().label() + (sweep ? " @ " + r.trial().point().pointLabel() : "");
            r.latencies().forEach((lat, h) -> out.computeIfAbsent(lat, k -> new LinkedHashMap<>())
                    .computeIfAbsent(panel, k -> new LinkedHashMap<>())
                    .merge(r.trial().variant().name(), h.copy(), (a, x) -> {
                        a.add(x);
                        return a;
                    }));
        }
        return out;
    }

    private String intervalText() {
        return "Markers: the mean over trials; bars: its " + summary.choice().level() + " t interval (n − 1 degrees "
                + "of freedom), clipped at the metric's physical bounds; with fewer than " + ChartStyle.POINTS_BELOW
                + " trials every trial is drawn (hollow) beside its mean instead.";
    }

    /** The machine, the seed and the trial count, for every caption. */
    private String context() {
        Spec p = run.config().points().get(0);
        String swept = run.config().sweep().entrySet().stream().filter(e -> e.getKey().startsWith("machine."))
                .map(e -> e.getKey() + " swept over " + e.getValue()).collect(Collectors.joining(", "));
        String machines = !swept.isEmpty() ? swept : p.variants().stream().map(v -> machine(v.machine())).distinct()
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "Machine: %s; seed %d (trial seeds derived from it, shared by every "
                + "variant); %d trials per variant and point, %s of virtual time measured after %s warm-up; "
                + "run %s.", machines, p.seed(), p.trials(),
                VirtualDuration.format(p.measure()), VirtualDuration.format(p.warmup()),
                ReportWriter.runId(run.digest()));
    }

    /** A file-name-safe form of a label. */
    static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    static String machine(MachineConfig m) {
        if (m.preset() != null) {
            return m.preset();
        }
        if (m.topologyFile() != null) {
            return m.topologyFile().getFileName().toString();
        }
        Map<String, Long> t = m.inline();
        long cpus = t.get("packages") * t.get("coresPerPackage") * t.get("threadsPerCore");
        return cpus + " CPUs (" + t.get("packages") + "×" + t.get("coresPerPackage") + "×" + t.get("threadsPerCore")
                + ")";
    }
}
