package org.odonata.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricKind;
import org.odonata.command.AtomicFolder;
import org.odonata.experiments.stats.Comparison;
import org.odonata.experiments.stats.StatsChoice;
import org.odonata.experiments.stats.TestKind;
import org.odonata.experiments.stats.Tests;
import org.odonata.experiments.units.MetricUnits;
import org.odonata.experiments.units.Si;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Past runs under a results folder: listing them, finding one by run id (or {@code experiment/run-id}, or
 * its folder), and comparing two from their trials.csv per variant, workload and metric (paired by seed where
 * both ran the same seeds, else Welch's t-test). A folder that is not a complete run — the hidden temporary folder
 * of a write that was killed, or a folder missing one of {@link ReportWriter#FILES} or holding an empty file — is
 * listed as incomplete and never read as a run; a run the user interrupted is listed as such.
 */
public final class ResultStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The folder of an experiment's shard results ({@code ShardFolder.folder}), beside its runs. */
    private static final String SHARDS = "shards";

    private final Path root;

    public ResultStore(Path root) {
        this.root = root;
    }

    /** Every complete run folder, sorted by experiment then run id. */
    public List<Path> runs() {
        return folders().stream().filter(p -> missing(p).isEmpty()).toList();
    }

    /** Every folder two levels down (results/EXPERIMENT/RUN), complete or not, sorted. */
    private List<Path> folders() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root, 2)) {
            // a hidden first level (.slurm: exp:submit's staging and submissions) holds no runs, nor does
            // EXPERIMENT/shards (exp:run --shard's folders, merged by exp:merge into a run)
            return s.filter(p -> p.getNameCount() == root.getNameCount() + 2 && Files.isDirectory(p)
                    && !p.getParent().getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals(SHARDS))
                    .sorted(Comparator.comparing(p -> runName(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run folder's id: its name, or for an unfinished write the name it was going to get. */
    private static String runName(Path folder) {
        return folder.getParent().getFileName() + "/" + (AtomicFolder.isPartial(folder)
                ? AtomicFolder.targetName(folder) : folder.getFileName().toString());
    }

    /**
     * What keeps {@code folder} from being a complete run, in words; empty when it is one.
     */
    public static List<String> missing(Path folder) {
        List<String> out = new ArrayList<>();
        if (AtomicFolder.isPartial(folder)) {
            out.add("its writer stopped before finishing (this is the temporary folder " + folder.getFileName()
                    + ")");
            return out;
        }
        for (String f : ReportWriter.FILES) {
            Path p = folder.resolve(f);
            if (!Files.isRegularFile(p)) {
                out.add(f + " is missing");
            } else if (size(p) == 0) {
                out.add(f + " is empty");
            }
        }
        Path charts = folder.resolve("charts");
        if (Files.isDirectory(charts)) {
            try (Stream<Path> s = Files.list(charts)) {
                s.filter(p -> size(p) == 0).sorted()
                        .forEach(p -> out.add("charts/" + p.getFileName() + " is empty"));
            } catch (IOException e) {
                out.add("charts/ cannot be read");
            }
        }
        return out;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** @throws IllegalArgumentException listing the known runs when there is no such run, or saying what an
     *                                  incomplete run lacks */
    public Path find(String run) {
        Path direct = Path.of(run);
        if (Files.isDirectory(direct)) {
            List<String> lacks = missing(direct);
            if (lacks.isEmpty()) {
                return direct;
            }
            if (AtomicFolder.isPartial(direct) || ReportWriter.FILES.stream()
                    .anyMatch(f -> Files.exists(direct.resolve(f)))) {
                throw incomplete(direct, lacks);
            }
        }
        List<Path> matches = folders().stream().filter(p -> {
            String name = runName(p);
            String id = name.substring(name.indexOf('/') + 1);
            return id.startsWith(run) || name.equals(run);
        }).toList();
        List<Path> complete = matches.stream().filter(p -> missing(p).isEmpty()).toList();
        if (complete.size() == 1) {
            return complete.get(0);
        }
        if (complete.isEmpty() && matches.size() == 1) {
            throw incomplete(matches.get(0), missing(matches.get(0)));
        }
        throw new IllegalArgumentException((matches.isEmpty() ? "no run '" : "several runs match '") + run
                + "' under " + root.toAbsolutePath() + "; runs: " + runs().stream()
                .map(p -> root.relativize(p).toString()).toList());
    }

    private static IllegalArgumentException incomplete(Path folder, List<String> lacks) {
        return new IllegalArgumentException("the run in " + folder + " is incomplete: " + String.join("; ", lacks)
                + ". It was probably stopped while its results were being written (killed, or the disk filled); "
                + "run the spec again to write it whole, and delete this folder");
    }

    public JsonNode summary(Path run) {
        try {
            return JSON.readTree(run.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One line per run: experiment, run id, trials, failures, digest, and the {@code --set} overrides it ran with;
     * an interrupted run says how many trials finished, an incomplete folder what it lacks.
     */
    public String list() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-13s %7s %6s  %-16s %s%n",
                "EXPERIMENT", "RUN", "TRIALS", "FAILED", "DIGEST", "SET"));
        for (Path p : folders()) {
            List<String> lacks = missing(p);
            String name = runName(p);
            if (!lacks.isEmpty()) {
                b.append(String.format(Locale.ROOT, "%-24s %-13s %7s %6s  INCOMPLETE: %s (%s)%n",
                        name.substring(0, name.indexOf('/')), name.substring(name.indexOf('/') + 1), "-", "-",
                        String.join("; ", lacks), root.relativize(p)));
                continue;
            }
            JsonNode s = summary(p);
            List<String> sets = new ArrayList<>();
            s.path("set").forEach(x -> sets.add("--set " + x.asText()));
            b.append(String.format(Locale.ROOT, "%-24s %-13s %7d %6d  %-16s %s%s%n", s.path("experiment").asText(),
                    s.path("runId").asText(), s.path("trials").asInt(), s.path("failed").asInt(),
                    abbreviate(s.path("digest").asText()), sets.isEmpty() ? "-" : String.join(" ", sets),
                    s.path("interrupted").asBoolean() ? "  INTERRUPTED after " + s.path("finished").asInt()
                    + " trials" : ""));
        }
        return b.toString().stripTrailing();
    }

    private static String abbreviate(String digest) {
        return digest.length() > 16 ? digest.substring(0, 16) : digest;
    }

    /**
     * Run B against run A, for every (point, variant, workload) and metric both have: the means with units, B's
     * relative difference and a p-value over the trials: paired by seed (the run's default test) when both ran the
     * same seeds, else Welch's test.
     */
    public String compare(Path a, Path b, List<String> metricNames) {
        Samples x = samples(a);
        Samples y = samples(b);
        MetricUnits units = new MetricUnits(declared(a));
        MetricSelection sel = new MetricSelection(metricNames);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "A = %s%nB = %s%n%-40s %-24s %18s %18s %9s %11s  %s%n", a, b, "POINT VARIANT/WORKLOAD", "METRIC",
                "A", "B", "B-A", "p", "TEST"));
        for (Map.Entry<String, Map<String, Map<Long, Double>>> e : x.values().entrySet()) {
            Map<String, Map<Long, Double>> other = y.values().get(e.getKey());
            if (other == null) {
                continue;
            }
            for (String metric : sel.select(new ArrayList<>(e.getValue().keySet()))) {
                if (!other.containsKey(metric)) {
                    continue;
                }
                Map<Long, Double> sa = e.getValue().get(metric);
                Map<Long, Double> sb = other.get(metric);
                StatsChoice choice = sa.keySet().equals(sb.keySet()) ? StatsChoice.DEFAULT
                        : new StatsChoice(TestKind.WELCH, StatsChoice.DEFAULT.confidence());
                Comparison c = Tests.compare(choice, sa, sb);
                Metric unit = units.of(e.getKey().substring(e.getKey().lastIndexOf('/') + 1), metric);
                out.append(String.format(Locale.ROOT, "%-40s %-24s %18s %18s %9s %11s  %s%n", e.getKey(), metric,
                        Si.value(unit, mean(sa)), Si.value(unit, mean(sb)),
                        Double.isNaN(c.relativeDifference()) ? "n/a" : Si.percent(c.relativeDifference()),
                        Si.pValue(c.pValue()), choice.test().key()));
            }
        }
        return out.toString().stripTrailing();
    }

    private static double mean(Map<Long, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The metric declarations a run's summary.json recorded ({@code units}, by workload), empty for older runs. */
    private Map<String, Map<String, Metric>> declared(Path run) {
        Map<String, Map<String, Metric>> out = new LinkedHashMap<>();
        summary(run).path("units").properties().forEach(w -> w.getValue().properties().forEach(e -> {
            MetricKind kind = MetricKind.valueOf(e.getValue().path("kind").asText("count").toUpperCase(Locale.ROOT));
            out.computeIfAbsent(w.getKey(), k -> new LinkedHashMap<>()).put(e.getKey(), new Metric(e.getKey(), kind,
                    e.getValue().path("unit").asText(""), e.getValue().path("description").asText("")));
        }));
        return out;
    }

    /** trials.csv as (point variant/workload) → metric → seed → value, over the successful trials. */
    private record Samples(Map<String, Map<String, Map<Long, Double>>> values) {
    }

    private static Samples samples(Path run) {
        List<String> lines;
        try {
            lines = Files.readAllLines(run.resolve("trials.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = Csv.split(lines.get(0)).stream().map(ResultStore::metricName).toList();
        Map<String, Map<String, Map<Long, Double>>> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = Csv.split(line);
            if (!f.get(5).equals("ok")) {
                continue;
            }
            String key = f.get(0) + " " + f.get(1) + "/" + f.get(2);
            long seed = Long.parseLong(f.get(4));
            Map<String, Map<Long, Double>> m = out.computeIfAbsent(key, k -> new LinkedHashMap<>());
            for (int i = 7; i < header.size() && i < f.size(); i++) {
                if (!f.get(i).isEmpty()) {
                    m.computeIfAbsent(header.get(i), k -> new LinkedHashMap<>()).put(seed,
                            Double.parseDouble(f.get(i)));
                }
            }
        }
        return new Samples(out);
    }

    /** A trials.csv header's metric name: {@code throughput [msg/s]} → {@code throughput}. */
    static String metricName(String header) {
        int unit = header.indexOf(" [");
        return unit < 0 ? header : header.substring(0, unit);
    }

    /** RFC 4180 fields of one line, as ReportWriter writes them. */
    static final class Csv {

        private Csv() {
        }

        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        f.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
            out.add(f.toString());
            return out;
        }
    }
}
