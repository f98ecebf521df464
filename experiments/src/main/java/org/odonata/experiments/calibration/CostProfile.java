package org.odonata.experiments.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.odonata.api.cost.CostModel;
import org.odonata.command.PlainMessage;
import org.odonata.experiments.spec.SpecError;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A cost profile: the host a calibration measured (model, CPUs, kernel, load), the raw measurements, real
 * hackbench figures, and every {@link CostModel} field with where its value came from. Written by
 * {@code hw:calibrate}, loaded by a spec's {@code machine.costs: {profile: FILE}}.
 *
 * @param host        what was measured and when, in writing order ({@code model}, {@code cpus}, {@code loadavg}, …)
 * @param topology    the copy of the host's sysfs topology files, relative to the profile, or null
 * @param series      the microbenchmarks
 * @param hackbench   real hackbench, one figure per group count
 * @param costs       every cost-model field, measured or preset
 */
public record CostProfile(Map<String, String> host, String topology, List<Series> series,
        List<HackbenchFigure> hackbench, Map<String, InferredCost> costs) {

    public CostProfile {
        host = new LinkedHashMap<>(host);
        series = List.copyOf(series);
        hackbench = List.copyOf(hackbench);
        costs = new LinkedHashMap<>(costs);
    }

    /** The cost model the profile describes. */
    public CostModel costModel() {
        CostModel m = CostModel.defaults();
        for (Map.Entry<String, InferredCost> c : costs.entrySet()) {
            m = m.with(c.getKey(), c.getValue().value());
        }
        return m;
    }

    /** The profile as YAML, with a header saying how to read it. */
    public String toYaml() {
        StringBuilder y = new StringBuilder();
        y.append("# Odonata cost profile: a host measured by real programs (hw:calibrate). Load it in a spec with\n")
                .append("#   machine: {costs: {profile: THIS-FILE}}\n")
                .append("# costs: each CostModel field in cycles at frequencyHz; 'from' names the measurement and\n")
                .append("# formula, or 'preset' for a field kept at the preset's cycle count. Medians are over every\n")
                .append("# run listed.\n");
        y.append("host:\n");
        host.forEach((k, v) -> y.append("  ").append(k).append(": ").append(quote(v)).append('\n'));
        if (topology != null) {
            y.append("topology: ").append(quote(topology)).append('\n');
        }
        y.append("measurements:\n");
        for (Series s : series) {
            y.append("  ").append(s.name()).append(":\n")
                    .append("    command: ").append(quote(s.command())).append('\n')
                    .append("    unit: ").append(quote(s.unit())).append('\n')
                    .append("    runs: ").append(list(s.runs())).append('\n')
                    .append("    median: ").append(number(s.median())).append('\n');
        }
        y.append("hackbench:\n");
        for (HackbenchFigure h : hackbench) {
            y.append("  - groups: ").append(h.groups()).append('\n')
                    .append("    fds: ").append(h.fds()).append('\n')
                    .append("    loops: ").append(h.loops()).append('\n')
                    .append("    datasize: ").append(h.datasize()).append('\n')
                    .append("    command: ").append(quote(h.command())).append('\n')
                    .append("    seconds: ").append(list(h.seconds())).append('\n')
                    .append("    median: ").append(number(h.medianSeconds())).append('\n')
                    .append("    nsPerMessage: ").append(number(h.nanosPerMessage())).append('\n')
                    .append("    cpuSeconds: ").append(list(h.cpuSeconds())).append('\n')
                    .append("    cpuNsPerMessage: ").append(number(h.cpuNanosPerMessage())).append('\n')
                    .append("    switches: ").append(list(h.switches())).append('\n')
                    .append("    switchesPerMessage: ").append(number(h.switchesPerMessage())).append('\n');
        }
        y.append("costs:\n");
        costs.forEach((k, c) -> y.append("  ").append(k).append(": {value: ").append(c.value()).append(", from: ")
                .append(quote(c.from())).append("}\n"));
        return y.toString();
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, toYaml());
    }

    /** What a spec or {@code kern:boot --costs} says when the profile named is not a file. */
    public static String noSuchFile(Path file) {
        return "no such file: " + file + " (hw:calibrate --out FILE.yaml writes one)";
    }

    /**
     * Reads a profile, adding what is wrong to {@code errors} as file:line:column errors (unknown fields, numbers
     * out of range, a missing file); returns what could be read when there were errors.
     */
    public static Optional<CostProfile> read(Path file, Collection<SpecError> errors) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            errors.add(new SpecError(file.toString(), 1, 1, "-", "cannot read the cost profile: "
                    + PlainMessage.of(e)));
            return Optional.empty();
        }
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text)
                    .orElse(null);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(null);
            errors.add(new SpecError(file.toString(), m == null ? 1 : m.getLine() + 1, m == null ? 1
                    : m.getColumn() + 1, "-", "not valid YAML: " + e.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            errors.add(new SpecError(file.toString(), 1, 1, "-", "not valid YAML: " + e.getMessage()));
            return Optional.empty();
        }
        int before = errors.size();
        CostProfile p = new Reader(file.toString(), errors).profile(root);
        return errors.size() == before ? Optional.of(p) : Optional.empty();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(c < 0x20 ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return q.append('"').toString();
    }

    private static String list(List<Double> values) {
        return values.stream().map(CostProfile::number).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replaceFirst("\\.(e|$)", "$1");
    }

    /** Binds the YAML nodes, recording each problem with its position. */
    private record Reader(String file, Collection<SpecError> errors) {

        private static final List<String> TOP = List.of("host", "topology", "measurements", "hackbench", "costs");
        private static final List<String> SERIES = List.of("command", "unit", "runs", "median");
        private static final List<String> HACKBENCH = List.of("groups", "fds", "loops", "datasize", "command",
                "seconds", "median", "nsPerMessage", "cpuSeconds", "cpuNsPerMessage", "switches",
                "switchesPerMessage");
        private static final List<String> COST = List.of("value", "from");

        CostProfile profile(Node root) {
            Map<String, Node> top = map(root, "", TOP);
            Map<String, String> host = new LinkedHashMap<>();
            if (top.containsKey("host")) {
                map(top.get("host"), "host", null).forEach((k, v) -> host.put(k, scalar(v, "host." + k)));
            }
            String topology = top.containsKey("topology") ? scalar(top.get("topology"), "topology") : null;
            List<Series> series = new ArrayList<>();
            if (top.containsKey("measurements")) {
                map(top.get("measurements"), "measurements", null).forEach((name, node) -> {
                    String path = "measurements." + name;
                    Map<String, Node> s = map(node, path, SERIES);
                    List<Double> runs = numbers(s.get("runs"), node, path + ".runs");
                    if (!runs.isEmpty()) {
                        series.add(new Series(name, text(s, "command", path), text(s, "unit", path),
                                runs));
                    }
                });
            }
            List<HackbenchFigure> hackbench = new ArrayList<>();
            if (top.containsKey("hackbench")) {
                List<Node> items = sequence(top.get("hackbench"), "hackbench");
                for (int i = 0; i < items.size(); i++) {
                    String path = "hackbench[" + i + "]";
                    Node item = items.get(i);
                    Map<String, Node> h = map(item, path, HACKBENCH);
                    Function<String, Long> count = k -> integer(h.get(k), item, path + "." + k, 1,
                            Integer.MAX_VALUE);
                    long groups = count.apply("groups");
                    long fds = count.apply("fds");
                    long loops = count.apply("loops");
                    long datasize = count.apply("datasize");
                    List<Double> seconds = numbers(h.get("seconds"), item, path + ".seconds");
                    List<Double> cpu = numbers(h.get("cpuSeconds"), item, path + ".cpuSeconds");
                    List<Double> switches = numbers(h.get("switches"), item, path + ".switches");
                    if (!seconds.isEmpty() && seconds.size() == cpu.size() && seconds.size() == switches.size()) {
                        hackbench.add(new HackbenchFigure((int) groups, (int) fds, loops, (int) datasize,
                                text(h, "command", path), seconds, cpu, switches));
                    } else if (!seconds.isEmpty() && !cpu.isEmpty() && !switches.isEmpty()) {
                        error(item, path, "seconds, cpuSeconds and switches must have one figure per run each");
                    }
                }
            }
            Map<String, InferredCost> costs = new LinkedHashMap<>();
            if (!top.containsKey("costs")) {
                errors.add(new SpecError(file, 1, 1, "costs", "missing: the cost-model fields, e.g. "
                        + "contextSwitch: {value: 1200, from: preset}"));
            } else {
                Map<String, Long> preset = CostModel.defaults().asMap();
                map(top.get("costs"), "costs", List.copyOf(preset.keySet())).forEach((field, node) -> {
                    String path = "costs." + field;
                    long min = field.equals("frequencyHz") ? 1 : 0;
                    long max = field.equals("frequencyHz") ? 9_000_000_000L : Long.MAX_VALUE;
                    if (node instanceof MappingNode) {
                        Map<String, Node> c = map(node, path, COST);
                        costs.put(field, new InferredCost(integer(c.get("value"), node, path + ".value", min, max),
                                c.containsKey("from") ? scalar(c.get("from"), path + ".from") : InferredCost.PRESET));
                    } else {
                        costs.put(field, new InferredCost(integer(node, node, path, min, max), "given"));
                    }
                });
            }
            return new CostProfile(host, topology, series, hackbench, costs);
        }

        private Map<String, Node> map(Node node, String path, List<String> allowed) {
            Map<String, Node> out = new LinkedHashMap<>();
            if (!(node instanceof MappingNode m)) {
                error(node, path.isEmpty() ? "-" : path, "expected a map" + (allowed == null ? ""
                        : " with keys " + String.join(", ", allowed)));
                return out;
            }
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                String field = (path.isEmpty() ? "" : path + ".") + key;
                if (key == null) {
                    error(t.getKeyNode(), path, "keys must be plain words");
                } else if (allowed != null && !allowed.contains(key)) {
                    error(t.getKeyNode(), field, "unknown field '" + key + "'; expected one of "
                            + String.join(", ", allowed));
                } else if (out.put(key, t.getValueNode()) != null) {
                    error(t.getKeyNode(), field, "given twice");
                }
            }
            return out;
        }

        private List<Node> sequence(Node node, String path) {
            if (node instanceof SequenceNode s) {
                return s.getValue();
            }
            error(node, path, "expected a list");
            return List.of();
        }

        private String scalar(Node node, String path) {
            if (node instanceof ScalarNode s) {
                return s.getValue();
            }
            error(node, path, "expected a plain value");
            return "";
        }

        private String text(Map<String, Node> m, String key, String path) {
            return m.containsKey(key) ? scalar(m.get(key), path + "." + key) : "";
        }

        private long integer(Node node, Node owner, String path, long min, long max) {
            if (node == null) {
                error(owner, path, "missing: an integer");
                return min;
            }
            String s = scalar(node, path).replace("_", "");
            try {
                long v = Long.parseLong(s);
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the range
            }
            error(node, path, "expected an integer from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max)
                    + ", found '" + s + "'");
            return min;
        }

        private List<Double> numbers(Node node, Node owner, String path) {
            if (node == null) {
                error(owner, path, "missing: a list of numbers, one per run");
                return List.of();
            }
            List<Double> out = new ArrayList<>();
            List<Node> items = sequence(node, path);
            for (int i = 0; i < items.size(); i++) {
                String s = scalar(items.get(i), path + "[" + i + "]");
                try {
                    double v = Double.parseDouble(s);
                    if (v > 0 && Double.isFinite(v)) {
                        out.add(v);
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                error(items.get(i), path + "[" + i + "]", "expected a positive number, found '" + s + "'");
            }
            if (items.isEmpty()) {
                error(node, path, "expected at least one run");
            }
            return out.size() == items.size() ? out : List.of();
        }

        private void error(Node node, String field, String message) {
            Mark m = node == null ? null : node.getStartMark().orElse(null);
            errors.add(m == null ? new SpecError(file, 1, 1, field, message)
                    : new SpecError(file, m.getLine() + 1, m.getColumn() + 1, field, message));
        }
    }
}
