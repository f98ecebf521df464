package org.odonata.experiments.spec;

import org.odonata.api.engine.VirtualDuration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.odonata.api.cost.CostModel;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.memory.MemorySize;
import org.odonata.api.probe.ProbeRequest;
import org.odonata.command.Args;
import org.odonata.command.PlainMessage;
import org.odonata.experiments.calibration.CostProfile;
import org.odonata.experiments.fio.FioJobFile;
import org.odonata.experiments.memtrace.LackeyReader;
import org.odonata.experiments.rtapp.RtAppFile;
import org.odonata.experiments.stats.StatsChoice;
import org.odonata.experiments.stats.TestKind;
import org.odonata.experiments.workload.Param;
import org.odonata.experiments.workload.Params;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads an experiment spec (YAML, see {@code experiments/README.md}) into a {@link ResolvedConfig}, or
 * rejects it with every error found, each with its file, line, column, field and what was expected. Nothing
 * runs and no machine is built here: names are checked against a {@link Catalog}, rt-app files are parsed.
 * Cost: proportional to the spec's size times its sweep points and variants.
 */
public final class SpecReader {

    /** The machine every spec gets unless it says otherwise. */
    public static final String DEFAULT_PRESET = "laptop-4c8t";

    private static final Set<String> TOP = Set.of("name", "description", "machine", "variants", "workloads",
            "trials", "seed", "warmup", "measure", "events", "metrics", "sweep", "trace", "stats", "bundles",
            "allow-ejections", "allowFailures", "probes");
    private static final Set<String> REPO_BUNDLE = Set.of("repo", "name", "version");
    /** Disks a spec's machine may have (each sparse in memory). */
    private static final int MAX_DISKS = 8;
    /** The most trials one run may have, counted over every sweep point, variant and workload. */
    public static final int MAX_TRIALS = 100_000;
    /** An experiment's name names its folder under results/: no dot first (no '.', '..' or hidden folders). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Set<String> MACHINE = Set.of("preset", "topology", "cpus", "costs", "sysctl", "seed",
            "engine", "mem", "swap", "disks", "rootfs", "vkernel");
    private static final Set<String> VKERNEL = Set.of("cpus", "mem");
    private static final Set<String> VARIANT = Set.of("name", "sched", "sync", "vm", "parameters");
    private static final Set<String> WORKLOAD = Set.of("type", "name", "parameters", "file", "args");
    /** Workload types that run a file, and what the file is. */
    private static final Map<String, String> FILE_TYPES = new TreeMap<>(Map.of(
            "rt-app", "the rt-app JSON file", "fio", "the fio job file", "memtrace", "the lackey trace file"));
    private static final Set<String> EVENT = Set.of("at", "swap", "cpu-offline", "cpu-online", "fault");
    /** The highest CPU number an event may name. */
    private static final long MAX_CPU = MachineSpec.MAX_CPUS - 1;
    private static final Set<String> TRACE = Set.of("trial", "variant", "workload");
    private static final Set<String> STATS = Set.of("test", "confidence");
    private static final Set<String> PROBE = Set.of("target", "kind", "filter", "name");
    /** The key inside {@code sweep} whose lists vary together (one axis) instead of in a cross product. */
    static final String ZIP = "zip";
    private static final List<String> TOPOLOGY_KEYS = List.of("packages", "coresPerPackage", "threadsPerCore",
            "l3PerPackage", "numaPerPackage", "memoryPerNodeGiB");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9]+([eE][-+]?[0-9]+)?");
    private static final Pattern METRIC = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z0-9_*]+)*|\\*");

    private final Catalog catalog;

    public SpecReader(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param sets {@code key=value} overrides applied before anything is checked
     * @throws SpecException listing every error
     */
    public ResolvedConfig read(Path file, List<String> sets) {
        return read(file, text(file), sets);
    }

    /** The spec's text, or a {@link SpecException} saying plainly why it cannot be read. */
    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecError(file.toString(), 1, 1, "-",
                    "cannot read the spec: " + PlainMessage.of(e))));
        }
    }

    /** As {@link #read(Path, List)} for a spec's text; {@code file} names it in errors and resolves paths. */
    public ResolvedConfig read(Path file, String text, List<String> sets) {
        Binder b = new Binder(file.toString(), file.toAbsolutePath().getParent());
        ResolvedConfig config = b.experiment(root(b, file, text, sets), sets, file);
        if (!b.errors().isEmpty()) {
            throw new SpecException(b.errors());
        }
        return config;
    }

    /**
     * Only the spec's {@code bundles:}, checked: they are installed before the rest is read, since its variants
     * may name the schedulers and tokens they provide.
     *
     * @throws SpecException listing every error in {@code bundles:} (or in the YAML itself)
     */
    public List<SpecBundle> bundles(Path file, List<String> sets) {
        String text = text(file);
        Binder b = new Binder(file.toString(), file.toAbsolutePath().getParent());
        MappingNode root = root(b, file, text, sets);
        List<SpecBundle> out = b.bundles(b.entries(root, "", null).get("bundles"));
        if (!b.errors().isEmpty()) {
            throw new SpecException(b.errors());
        }
        return out;
    }

    /** The spec's YAML with the {@code --set} overrides applied; throws on what is not a YAML map. */
    private static MappingNode root(Binder b, Path file, String text, List<String> sets) {
        Node root;
        try {
            root = YamlTree.compose(file.toString(), text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            b.error(e.getProblemMark().orElse(null), "-", "not valid YAML: " + e.getProblem());
            throw new SpecException(b.errors());
        } catch (YamlEngineException e) {
            // snakeyaml-engine's alias limit carries no position: point at the alias that went over it
            Mark at = YamlTree.aliasOverLimit(file.toString(), text).orElse(null);
            b.error(at, "-", "not valid YAML: " + e.getMessage());
            throw new SpecException(b.errors());
        }
        if (!(root instanceof MappingNode)) {
            b.errors.add(new SpecError(file.toString(), 1, 1, "-", "expected a map of sections (name, machine, "
                    + "variants, workloads, …)"));
            throw new SpecException(b.errors());
        }
        for (String set : sets) {
            root = b.override(root, set);
        }
        return (MappingNode) root;
    }

    /** Accumulates errors while binding nodes to values. */
    private final class Binder {

        private final String file;
        private final Path dir;
        private final Set<SpecError> errors = new LinkedHashSet<>();
        private final Map<Path, Optional<String>> machineProblems = new LinkedHashMap<>();
        private final Map<Path, Optional<Map<String, Long>>> profiles = new LinkedHashMap<>();
        /** Traces already read once: every point and variant names the same files. */
        private final Set<Path> tracesRead = new java.util.HashSet<>();

        Binder(String file, Path dir) {
            this.file = file;
            this.dir = dir;
        }

        List<SpecError> errors() {
            return List.copyOf(errors);
        }

        void error(Mark mark, String field, String message) {
            if (mark == null) {
                errors.add(new SpecError(file, 0, 0, field, message));
            } else {
                errors.add(new SpecError(mark.getName(), mark.getLine() + 1, mark.getColumn() + 1, field, message));
            }
        }

        void error(Node node, String field, String message) {
            error(node.getStartMark().orElse(null), field, message);
        }

        Node override(Node root, String set) {
            int eq = set.indexOf('=');
            String label = "--set " + set;
            if (eq <= 0) {
                errors.add(new SpecError(label, 1, 1, set, "expected key=value, e.g. --set machine.cpus=8"));
                return root;
            }
            return apply(root, set.substring(0, eq), set.substring(eq + 1), label);
        }

        Node apply(Node root, String path, String valueText, String label) {
            try {
                Node value = YamlTree.compose(label, valueText.isEmpty() ? "''" : valueText).orElseThrow();
                return YamlTree.with(root, path, value);
            } catch (YamlEngineException e) {
                errors.add(new SpecError(label, 1, 1, path, "the value is not valid YAML: " + e.getMessage()));
            } catch (IllegalArgumentException e) {
                errors.add(new SpecError(label, 1, 1, path, e.getMessage()));
            }
            return root;
        }

        Node apply(Node root, String path, Node value, Node where, String field) {
            try {
                return YamlTree.with(root, path, value);
            } catch (IllegalArgumentException e) {
                error(where, field, e.getMessage());
                return root;
            }
        }

        ResolvedConfig experiment(MappingNode root, List<String> sets, Path source) {
            Map<String, Node> top = entries(root, "", TOP);
            String name = top.containsKey("name") ? string(top.get("name"), "name") : null;
            if (name == null) {
                error(root, "name", "missing: the experiment's name (a word used for the results folder)");
                name = "unnamed";
            } else if (!NAME.matcher(name).matches()) {
                error(top.get("name"), "name", "expected letters, digits, '.', '_' or '-', not starting with '.' "
                        + "(it names the run's folder under results/), found '" + name + "'");
                name = "unnamed";
            }
            boolean allowFailures = false;
            if (top.containsKey("allowFailures")) {
                if (plain(top.get("allowFailures")) instanceof Boolean allow) {
                    allowFailures = allow;
                } else {
                    error(top.get("allowFailures"), "allowFailures", "expected true or false");
                }
            }
            String description = top.containsKey("description") ? string(top.get("description"), "description")
                    : "";
            bundles(top.get("bundles"));
            Map<String, List<Object>> sweepValues = new LinkedHashMap<>();
            List<Map<String, List<Node>>> axes = new ArrayList<>();
            List<String> zipped = new ArrayList<>();
            if (top.containsKey("sweep")) {
                Map<String, Node> sweep = entries(top.get("sweep"), "sweep", null);
                sweep.forEach((path, node) -> {
                    if (path.equals(ZIP)) {
                        Map<String, List<Node>> axis = new LinkedHashMap<>();
                        entries(node, "sweep.zip", null).forEach((key, values) -> {
                            List<Node> list = sweepList(key, values, "sweep.zip." + key);
                            if (list == null) {
                                return;
                            }
                            int n = axis.isEmpty() ? list.size() : axis.values().iterator().next().size();
                            if (list.size() != n) {
                                error(values, "sweep.zip." + key, "has " + list.size() + " values but "
                                        + axis.keySet().iterator().next() + " has " + n + "; zipped keys vary "
                                        + "together, so their lists must be equally long");
                                return;
                            }
                            axis.put(key, list);
                            zipped.add(key);
                        });
                        if (!axis.isEmpty()) {
                            axes.add(axis);
                        }
                        return;
                    }
                    List<Node> list = sweepList(path, node, "sweep." + path);
                    if (list != null) {
                        axes.add(Map.of(path, list));
                    }
                });
            }
            for (Map<String, List<Node>> axis : axes) {
                axis.forEach((key, list) -> {
                    if (sweepValues.containsKey(key)) {
                        error(list.get(0), "sweep." + key, "swept twice (once in zip)");
                    }
                    sweepValues.put(key, list.stream().map(SpecReader::plain).toList());
                });
            }
            // counted before the product is built: a million points would take the heap first
            long combinations = axes.stream().mapToLong(a -> a.values().iterator().next().size()).reduce(1,
                    (x, y) -> Math.min((long) MAX_TRIALS + 1, x * y));
            if (combinations > MAX_TRIALS) {
                error(top.get("sweep"), "sweep", "the sweep makes more than " + MAX_TRIALS + " points ("
                        + axes.stream().map(a -> a.values().iterator().next().size() + " " + String.join("+",
                        a.keySet())).collect(java.util.stream.Collectors.joining(" x ")) + "); a run has at most "
                        + MAX_TRIALS + " trials");
                return new ResolvedConfig(name, description, source, sets, sweepValues, zipped, List.of(),
                        StatsChoice.DEFAULT, allowFailures, List.of());
            }
            MappingNode base = withoutSweep(root);
            List<Spec> points = new ArrayList<>();
            for (Map<String, Node> assignment : product(axes)) {
                Node tree = base;
                Map<String, Object> point = new LinkedHashMap<>();
                for (Map.Entry<String, Node> a : assignment.entrySet()) {
                    String field = (zipped.contains(a.getKey()) ? "sweep.zip." : "sweep.") + a.getKey();
                    tree = apply(tree, a.getKey(), a.getValue(), a.getValue(), field);
                    point.put(a.getKey(), plain(a.getValue()));
                }
                points.add(point(name, (MappingNode) tree, point));
            }
            long trials = points.stream().mapToLong(p -> (long) p.variants().size() * p.workloads().size()
                    * p.trials()).sum();
            if (trials > MAX_TRIALS) {
                error(top.containsKey("sweep") ? top.get("sweep") : root, top.containsKey("sweep") ? "sweep"
                        : "trials", points.size() + " point(s) x variants x workloads x trials = " + trials
                        + " trials; a run has at most " + MAX_TRIALS + " (at one trial per host second that is "
                        + "over a day)");
            }
            StatsChoice stats = stats(top.get("stats"));
            List<ProbeRequest> probes = probes(top.get("probes"));
            return new ResolvedConfig(name, description, source, sets, sweepValues, zipped, points, stats,
                    allowFailures, probes);
        }

        /**
         * {@code probes: [{target: Class#method, kind: hist, filter: 'cpu == 0', name: picks}]}: the shape is checked
         * here; whether a target matches and a filter parses, the probe bundle says when the run attaches them.
         */
        private List<ProbeRequest> probes(Node node) {
            List<ProbeRequest> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            if (!(node instanceof SequenceNode seq)) {
                error(node, "probes", "expected a list of probes, e.g. [{target: 'org.odonata.kern.Tokens#gettoken', "
                        + "kind: hist}]");
                return out;
            }
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                String path = "probes[" + i + "]";
                Node item = seq.getValue().get(i);
                Map<String, Node> p = entries(item, path, PROBE);
                if (!(item instanceof MappingNode)) {
                    continue;
                }
                String target = p.containsKey("target") ? string(p.get("target"), path + ".target") : null;
                if (target == null) {
                    if (!p.containsKey("target")) {
                        error(item, path + ".target", "missing: Class#method, e.g. org.odonata.kern.Tokens#gettoken");
                    }
                    continue;
                }
                if (!target.matches("[A-Za-z0-9_$.*]+#[A-Za-z0-9_$*]+")) {
                    error(p.get("target"), path + ".target", "expected Class#method (globs * and ** allowed), found '"
                            + target + "'");
                }
                List<String> kinds = new ArrayList<>();
                Node k = p.get("kind");
                List<Node> kindNodes = k == null ? List.of() : k instanceof SequenceNode ks ? ks.getValue() : List.of(k);
                for (Node kn : kindNodes) {
                    String kind = string(kn, path + ".kind");
                    if (kind != null && !Set.of("count", "hist", "args", "ret").contains(kind)) {
                        error(kn, path + ".kind", "expected count, hist, args or ret, found '" + kind + "'");
                    } else if (kind != null) {
                        kinds.add(kind);
                    }
                }
                String filter = p.containsKey("filter") ? string(p.get("filter"), path + ".filter") : "";
                String name = p.containsKey("name") ? string(p.get("name"), path + ".name") : "p" + (i + 1);
                if (name != null && !name.matches("[A-Za-z0-9_-]+")) {
                    error(p.get("name"), path + ".name", "expected letters, digits, '_' or '-' (it names metrics)");
                } else if (name != null && !names.add(name)) {
                    error(p.get("name"), path + ".name", "duplicate probe name '" + name + "'");
                }
                out.add(new ProbeRequest(name == null ? "p" + (i + 1) : name, target, kinds,
                        filter == null ? "" : filter));
            }
            return out;
        }

        /** A swept key's values, or null after reporting why they cannot be swept. */
        private List<Node> sweepList(String path, Node node, String field) {
            if (path.startsWith("sweep") || path.equals("name") || path.startsWith("variants")
                    || path.startsWith("stats") || path.startsWith("probes")) {
                error(node, field, "cannot sweep '" + path + "'; sweep machine, workload, trials, seed, warmup, "
                        + "measure or event keys");
                return null;
            }
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(node, field, "expected a non-empty list of values, e.g. [1, 2, 4]");
                return null;
            }
            return seq.getValue();
        }

        /** {@code stats: {test: paired-t|wilcoxon|permutation|welch, confidence: 0.95}}. */
        private StatsChoice stats(Node node) {
            if (node == null) {
                return StatsChoice.DEFAULT;
            }
            Map<String, Node> m = entries(node, "stats", STATS);
            TestKind test = StatsChoice.DEFAULT.test();
            if (m.containsKey("test")) {
                String key = string(m.get("test"), "stats.test");
                try {
                    test = key == null ? test : TestKind.of(key);
                } catch (IllegalArgumentException e) {
                    error(m.get("test"), "stats.test", e.getMessage());
                }
            }
            double confidence = StatsChoice.DEFAULT.confidence();
            if (m.containsKey("confidence")) {
                Object c = plain(m.get("confidence"));
                if (c instanceof Double d && d > 0 && d < 1) {
                    confidence = d;
                } else {
                    error(m.get("confidence"), "stats.confidence", "expected a number between 0 and 1, e.g. 0.95, "
                            + "found '" + display(m.get("confidence")) + "'");
                }
            }
            return new StatsChoice(test, confidence);
        }

        private MappingNode withoutSweep(MappingNode root) {
            List<NodeTuple> tuples = new ArrayList<>(root.getValue());
            tuples.removeIf(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals("sweep"));
            return new MappingNode(root.getTag(), true, tuples, root.getFlowStyle(), root.getStartMark(),
                    root.getEndMark());
        }

        Spec point(String name, MappingNode root, Map<String, Object> point) {
            Map<String, Node> top = entries(root, "", TOP);
            int trials = (int) optionalInteger(top.get("trials"), "trials", 5, 1, 100_000);
            long seed = optionalInteger(top.get("seed"), "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
            long warmup = optionalDuration(top.get("warmup"), "warmup", 100_000_000L, 0);
            long measure = optionalDuration(top.get("measure"), "measure", 1_000_000_000L, 1);
            List<String> metrics = metrics(top.get("metrics"));
            List<Variant> variants = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            Node variantsNode = top.get("variants");
            Node workloadsNode = top.get("workloads");
            if (workloadsNode == null) {
                error(root, "workloads", "missing: a list of workloads, e.g. [{type: hackbench}]");
            } else {
                for (WorkloadSpec w : workloads(workloadsNode)) {
                    labels.add(w.label());
                }
            }
            if (variantsNode == null) {
                error(root, "variants", "missing: a list of variants, e.g. [{name: dfly, sched: dfly}]");
            } else if (!(variantsNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(variantsNode, "variants", "expected a non-empty list of variants");
            } else {
                Set<String> names = new LinkedHashSet<>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    Variant v = variant(root, seq.getValue().get(i), "variants[" + i + "]");
                    if (v != null && !names.add(v.name())) {
                        error(seq.getValue().get(i), "variants[" + i + "].name", "duplicate variant name '"
                                + v.name() + "'");
                    }
                    if (v != null) {
                        variants.add(v);
                    }
                }
            }
            List<TimedEvent> events = events(top.get("events"), warmup + measure, variants);
            TraceRequest trace = trace(top.get("trace"), trials, variants, labels);
            boolean allowEjections = optionalBoolean(top.get("allow-ejections"), "allow-ejections", false);
            return new Spec(name, point, variants, labels, trials, seed, warmup, measure, events, metrics, trace,
                    allowEjections);
        }

        /**
         * {@code bundles:}: a list of bundle jars (paths relative to the spec, which must exist) and of
         * {@code {repo: INDEX, name: N, version: V}} (an R5 index by URL or path, a symbolic name or a capability
         * such as {@code odonata.scheduler=rr}, an optional version range).
         */
        List<SpecBundle> bundles(Node node) {
            List<SpecBundle> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            if (!(node instanceof SequenceNode seq)) {
                error(node, "bundles", "expected a list: [path/to/x.jar, {repo: INDEX, name: N, version: V}]");
                return out;
            }
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                String field = "bundles[" + i + "]";
                if (item instanceof ScalarNode) {
                    String path = string(item, field);
                    if (path != null) {
                        Path jar = dir.resolve(path).normalize();
                        if (!Files.isRegularFile(jar)) {
                            error(item, field, "no such bundle jar: " + jar);
                        } else {
                            out.add(new SpecBundle(jar, null, null, null));
                        }
                    }
                    continue;
                }
                Map<String, Node> m = entries(item, field, REPO_BUNDLE);
                if (!(item instanceof MappingNode)) {
                    continue;
                }
                String repo = m.containsKey("repo") ? string(m.get("repo"), field + ".repo") : null;
                String name = m.containsKey("name") ? string(m.get("name"), field + ".name") : null;
                String version = m.containsKey("version") ? String.valueOf(plain(m.get("version"))) : null;
                if (repo == null) {
                    error(item, field + ".repo", "missing: the repository index, a URL or a path to index.xml");
                }
                if (name == null) {
                    error(item, field + ".name", "missing: a bundle's symbolic name, or a capability such as "
                            + "odonata.scheduler=rr");
                }
                if (repo != null && name != null) {
                    URI index = repo.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") ? URI.create(repo)
                            : dir.resolve(repo).normalize().toUri();
                    out.add(new SpecBundle(null, index, name, version));
                }
            }
            return out;
        }

        /** The trace request, its names checked against the point's variants and workloads; null for none. */
        private TraceRequest trace(Node node, int trials, List<Variant> variants, List<String> workloads) {
            if (node == null) {
                return null;
            }
            Map<String, Node> t = entries(node, "trace", TRACE);
            int trial = (int) optionalInteger(t.get("trial"), "trace.trial", 0, 0, trials - 1L);
            List<String> variantNames = variants.stream().map(Variant::name).toList();
            String variant = variantNames.isEmpty() ? null : variantNames.get(0);
            if (t.containsKey("variant")) {
                variant = string(t.get("variant"), "trace.variant");
                if (variant != null && !variantNames.contains(variant)) {
                    error(t.get("variant"), "trace.variant", "no variant '" + variant + "'; variants: "
                            + String.join(", ", variantNames));
                }
            }
            String workload = workloads.isEmpty() ? null : workloads.get(0);
            if (t.containsKey("workload")) {
                workload = string(t.get("workload"), "trace.workload");
                if (workload != null && !workloads.contains(workload)) {
                    error(t.get("workload"), "trace.workload", "no workload '" + workload + "'; workloads: "
                            + String.join(", ", workloads));
                }
            }
            return new TraceRequest(trial, variant, workload);
        }

        private Variant variant(MappingNode root, Node node, String path) {
            Map<String, Node> v = entries(node, path, VARIANT);
            if (!(node instanceof MappingNode)) {
                return null;
            }
            String name = v.containsKey("name") ? string(v.get("name"), path + ".name") : null;
            if (name == null) {
                error(node, path + ".name", "missing: the variant's name");
                name = "variant" + path;
            } else {
                fileNamePart(v.get("name"), path + ".name", name);
            }
            String sched = v.containsKey("sched") ? string(v.get("sched"), path + ".sched") : "dfly";
            String sync = v.containsKey("sync") ? string(v.get("sync"), path + ".sync") : "lwkt";
            checkName(v.get("sched") == null ? node : v.get("sched"), path + ".sched", sched, catalog.schedulers(),
                    "user scheduler");
            checkName(v.get("sync") == null ? node : v.get("sync"), path + ".sync", sync, catalog.tokens(),
                    "token implementation");
            String vm = v.containsKey("vm") ? string(v.get("vm"), path + ".vm") : null;
            checkName(v.get("vm"), path + ".vm", vm, catalog.pageoutPolicies(), "pageout policy");
            Node tree = root;
            Map<String, Object> parameters = new TreeMap<>();
            if (v.containsKey("parameters")) {
                for (Map.Entry<String, Node> p : entries(v.get("parameters"), path + ".parameters", null)
                        .entrySet()) {
                    String field = path + ".parameters." + p.getKey();
                    if (!p.getKey().startsWith("machine.") && !p.getKey().startsWith("workloads.")) {
                        error(p.getValue(), field, "a variant parameter is a key path under machine. or "
                                + "workloads., e.g. machine.costs.contextSwitch");
                        continue;
                    }
                    tree = apply(tree, p.getKey(), p.getValue(), p.getValue(), field);
                    parameters.put(p.getKey(), plain(p.getValue()));
                }
            }
            Map<String, Node> top = entries(tree, "", TOP);
            MachineConfig machine = machine(top.get("machine"));
            List<WorkloadSpec> workloads = top.get("workloads") == null ? List.of() : workloads(top.get("workloads"));
            return new Variant(name, sched, sync, vm, parameters, machine, workloads);
        }

        /**
         * Variant and workload names become parts of chart file names: refuses what could lead out of the run's
         * folder or is not a file name at all.
         */
        private void fileNamePart(Node node, String field, String name) {
            if (name.isBlank() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                    || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                error(node, field, "'" + name + "' cannot name a file: no '/', '\\', control characters, '.' or "
                        + "'..'");
            }
        }

        private void checkName(Node node, String field, String name, Set<String> valid, String what) {
            if (name != null && !valid.isEmpty() && !valid.contains(name)) {
                error(node, field, "no " + what + " '" + name + "'; available: " + String.join(", ", valid));
            }
        }

        MachineConfig machine(Node node) {
            Map<String, Node> m = node == null ? Map.of() : entries(node, "machine", MACHINE);
            String preset = m.containsKey("preset") ? string(m.get("preset"), "machine.preset") : null;
            Path topologyFile = null;
            Map<String, Long> inline = null;
            Node topo = m.get("topology");
            if (topo instanceof ScalarNode) {
                String f = string(topo, "machine.topology");
                if (f != null) {
                    topologyFile = dir.resolve(f).normalize();
                    if (!Files.exists(topologyFile)) {
                        error(topo, "machine.topology", "no such file or directory: " + topologyFile);
                    }
                }
            } else if (topo != null) {
                inline = inlineTopology(topo);
            }
            if (m.containsKey("cpus")) {
                long cpus = integer(m.get("cpus"), "machine.cpus", 1, 4096);
                if (preset != null || topo != null) {
                    error(m.get("cpus"), "machine.cpus", "cpus makes a one-package machine of that many "
                            + "single-threaded cores; it cannot be combined with preset or topology");
                }
                inline = new LinkedHashMap<>(Map.of("packages", 1L, "coresPerPackage", cpus, "threadsPerCore", 1L,
                        "l3PerPackage", 1L, "numaPerPackage", 1L, "memoryPerNodeGiB", 16L));
            }
            int sources = (preset != null ? 1 : 0) + (topo != null ? 1 : 0);
            if (sources > 1) {
                error(node, "machine", "give one of preset and topology, not both");
            }
            if (inline != null && !m.containsKey("cpus")) {
                long cpus = inline.get("packages") * inline.get("coresPerPackage") * inline.get("threadsPerCore");
                if (cpus > MachineSpec.MAX_CPUS) {
                    error(topo, "machine.topology", inline.get("packages") + " packages x "
                            + inline.get("coresPerPackage") + " cores x " + inline.get("threadsPerCore")
                            + " threads = " + cpus + " CPUs; a simulated machine has at most " + MachineSpec.MAX_CPUS);
                    inline = null;
                    preset = DEFAULT_PRESET;
                }
            }
            if (preset != null && !catalog.presets().isEmpty() && !catalog.presets().contains(preset)) {
                error(m.get("preset"), "machine.preset", "no preset '" + preset + "'; presets: "
                        + String.join(", ", catalog.presets()));
            }
            if (preset == null && topologyFile == null && inline == null) {
                preset = DEFAULT_PRESET;
            }
            Map<String, Long> costs = new LinkedHashMap<>(CostModel.defaults().asMap());
            Path costsProfile = null;
            if (m.containsKey("costs")) {
                Map<String, Node> given = entries(m.get("costs"), "machine.costs", null);
                Node profile = given.remove("profile");
                if (profile != null) {
                    String f = string(profile, "machine.costs.profile");
                    costsProfile = f == null ? null : dir.resolve(f).normalize();
                    profileCosts(profile, costsProfile).ifPresent(costs::putAll);
                }
                given.forEach((field, value) -> {
                    if (!costs.containsKey(field)) {
                        error(value, "machine.costs." + field, "no cost '" + field + "'; costs: "
                                + String.join(", ", costs.keySet()));
                        return;
                    }
                    costs.put(field, integer(value, "machine.costs." + field, field.equals("frequencyHz") ? 1 : 0,
                            Long.MAX_VALUE));
                });
            }
            Map<String, Long> sysctl = sysctl(m.get("sysctl"));
            Long seed = m.containsKey("seed") ? integer(m.get("seed"), "machine.seed", Long.MIN_VALUE,
                    Long.MAX_VALUE) : null;
            String engine = m.containsKey("engine") ? string(m.get("engine"), "machine.engine") : "continuation";
            if (engine != null && !engine.equals("continuation") && !engine.equals("virtual")) {
                error(m.get("engine"), "machine.engine", "expected continuation or virtual");
            }
            Long mem = m.containsKey("mem") ? size(m.get("mem"), "machine.mem") : null;
            Long swap = m.containsKey("swap") ? size(m.get("swap"), "machine.swap") : null;
            // as kern:boot: the root is HAMMER on the first disk when there is one, else tmpfs
            String rootfs = m.containsKey("rootfs") ? string(m.get("rootfs"), "machine.rootfs") : null;
            checkName(m.get("rootfs"), "machine.rootfs", rootfs, catalog.filesystems(), "filesystem");
            int disks = m.containsKey("disks") ? (int) integer(m.get("disks"), "machine.disks", 0, MAX_DISKS)
                    : "hammer".equals(rootfs) ? 1 : 0;
            if (rootfs == null) {
                rootfs = disks > 0 ? "hammer" : "tmpfs";
            } else if (disks == 0 && rootfs.equals("hammer")) {
                error(m.get("disks"), "machine.disks", "rootfs hammer needs a disk; give disks: 1 or more");
            }
            MachineConfig config = new MachineConfig(preset, topologyFile, inline, costs, sysctl, seed, engine, mem,
                    swap, disks, rootfs, costsProfile, m.containsKey("vkernel") ? vkernel(m.get("vkernel")) : null);
            if (topologyFile != null && Files.exists(topologyFile)) {
                // read and check the file now, once per file, rather than failing every trial
                machineProblems.computeIfAbsent(topologyFile, f -> catalog.machineProblem(config))
                        .ifPresent(problem -> error(topo, "machine.topology", problem));
            }
            return config;
        }

        /**
         * The costs of {@code machine.costs.profile} (a file written by {@code hw:calibrate}, resolved against the
         * spec's folder); the spec's own {@code machine.costs} fields override them. A profile is read and checked
         * once per spec, its errors reported at their line in the profile.
         */
        private Optional<Map<String, Long>> profileCosts(Node node, Path file) {
            if (file == null) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(file)) {
                error(node, "machine.costs.profile", CostProfile.noSuchFile(file));
                return Optional.empty();
            }
            return profiles.computeIfAbsent(file, p -> CostProfile.read(p, errors)
                    .map(profile -> profile.costModel().asMap()));
        }

        /** {@code machine.vkernel: {cpus: N, mem: SIZE}}, both required; null after reporting what was wrong. */
        private MachineConfig.Guest vkernel(Node node) {
            Map<String, Node> v = entries(node, "machine.vkernel", VKERNEL);
            if (!v.containsKey("cpus") || !v.containsKey("mem")) {
                error(node, "machine.vkernel", "a guest needs cpus and mem, e.g. {cpus: 2, mem: 256M}");
                return null;
            }
            long cpus = integer(v.get("cpus"), "machine.vkernel.cpus", 1, 256);
            Long mem = size(v.get("mem"), "machine.vkernel.mem");
            if (mem != null && mem < 4096) {
                error(v.get("mem"), "machine.vkernel.mem", "a guest needs at least a page of memory");
                return null;
            }
            return mem == null ? null : new MachineConfig.Guest((int) cpus, mem);
        }

        /** A memory size ({@code 512M}, {@code 4G}, or bytes), or null after reporting what was wrong. */
        private Long size(Node node, String field) {
            String text = string(node, field);
            if (text == null) {
                return null;
            }
            if (text.strip().equals("0")) {
                return 0L;
            }
            try {
                return MemorySize.parse(text).bytes();
            } catch (IllegalArgumentException e) {
                error(node, field, e.getMessage());
                return null;
            }
        }

        /**
         * Every kernel tunable with its default, then the spec's values: flat ({@code lwkt.spin_loops: 20}) or
         * nested ({@code lwkt: {spin_loops: 20}}, as a key path makes them), a later one overriding.
         */
        private Map<String, Long> sysctl(Node node) {
            Map<String, Sysctl> known = new LinkedHashMap<>();
            catalog.sysctls().forEach(s -> known.put(s.name(), s));
            Map<String, Long> values = new TreeMap<>();
            known.forEach((name, s) -> values.put(name, s.value()));
            if (node != null) {
                Map<String, Node> given = new LinkedHashMap<>();
                flatten(node, "", given);
                given.forEach((name, value) -> {
                    String field = "machine.sysctl." + name;
                    Sysctl s = known.get(name);
                    if (s == null && !known.isEmpty()) {
                        error(value, field, "no sysctl '" + name + "'; sysctls: " + String.join(", ",
                                known.keySet()));
                        return;
                    }
                    values.put(name, s == null ? integer(value, field, Long.MIN_VALUE, Long.MAX_VALUE)
                            : integer(value, field, s.min(), s.max()));
                });
            }
            return values;
        }

        private void flatten(Node node, String prefix, Map<String, Node> out) {
            entries(node, prefix.isEmpty() ? "machine.sysctl" : "machine.sysctl." + prefix, null)
                    .forEach((key, value) -> {
                        String name = prefix.isEmpty() ? key : prefix + "." + key;
                        if (value instanceof MappingNode) {
                            flatten(value, name, out);
                        } else {
                            out.remove(name);
                            out.put(name, value);
                        }
                    });
        }

        private Map<String, Long> inlineTopology(Node node) {
            Map<String, Node> t = entries(node, "machine.topology", Set.copyOf(TOPOLOGY_KEYS));
            Map<String, Long> v = new LinkedHashMap<>();
            for (String key : TOPOLOGY_KEYS) {
                boolean required = key.equals("packages") || key.equals("coresPerPackage")
                        || key.equals("threadsPerCore");
                Node n = t.get(key);
                if (n == null && required) {
                    error(node, "machine.topology." + key, "missing: a positive integer");
                }
                long def = key.equals("memoryPerNodeGiB") ? 16 : 1;
                v.put(key, n == null ? def : integer(n, "machine.topology." + key, key.equals("memoryPerNodeGiB")
                        ? 0 : 1, 4096));
            }
            long cores = v.get("coresPerPackage");
            for (String divisor : List.of("l3PerPackage", "numaPerPackage")) {
                if (cores % v.get(divisor) != 0) {
                    error(t.getOrDefault(divisor, node), "machine.topology." + divisor, "must divide "
                            + "coresPerPackage (" + cores + "), found " + v.get(divisor));
                }
            }
            return v;
        }

        List<WorkloadSpec> workloads(Node node) {
            List<WorkloadSpec> out = new ArrayList<>();
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(node, "workloads", "expected a non-empty list of workloads, e.g. [{type: hackbench}]");
                return out;
            }
            Set<String> labels = new LinkedHashSet<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                WorkloadSpec w = workload(seq.getValue().get(i), "workloads[" + i + "]");
                if (w != null) {
                    if (!labels.add(w.label())) {
                        error(seq.getValue().get(i), "workloads[" + i + "]", "two workloads are called '"
                                + w.label() + "'; give one a name:");
                    }
                    out.add(w);
                }
            }
            return out;
        }

        private WorkloadSpec workload(Node node, String path) {
            Map<String, Node> w = entries(node, path, WORKLOAD);
            if (!(node instanceof MappingNode)) {
                return null;
            }
            String type = w.containsKey("type") ? string(w.get("type"), path + ".type") : null;
            if (type == null) {
                error(node, path + ".type", "missing: the workload type; available: "
                        + String.join(", ", catalog.workloadTypes()));
                return null;
            }
            if (!catalog.workloadTypes().contains(type)) {
                error(w.get("type"), path + ".type", "no workload '" + type + "'; available: "
                        + String.join(", ", catalog.workloadTypes()));
                return null;
            }
            String label = w.containsKey("name") ? string(w.get("name"), path + ".name") : type;
            if (w.containsKey("name") && label != null) {
                fileNamePart(w.get("name"), path + ".name", label);
            }
            List<String> args = new ArrayList<>();
            String fileKind = FILE_TYPES.get(type);
            if (fileKind != null) {
                Node f = w.get("file");
                if (f == null) {
                    error(node, path + ".file", "missing: " + fileKind);
                } else {
                    String name = string(f, path + ".file");
                    if (name != null) {
                        Path file = dir.resolve(name).normalize();
                        try {
                            switch (type) {
                                case "fio" -> FioJobFile.read(file);
                                case "memtrace" -> {
                                    if (tracesRead.add(file)) {
                                        LackeyReader.read(file, 12);
                                    }
                                }
                                default -> RtAppFile.read(file);
                            }
                        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                            error(f, path + ".file", e.getMessage());
                        }
                        args.add(file.toString());
                    }
                }
            } else if (w.containsKey("file")) {
                error(w.get("file"), path + ".file", "only " + String.join(", ", FILE_TYPES.keySet())
                        + " workloads take a file");
            }
            Optional<List<Param>> schema = catalog.parameters(type);
            Map<String, Object> params = new LinkedHashMap<>();
            if (schema.isPresent()) {
                if (w.containsKey("args")) {
                    error(w.get("args"), path + ".args", type + " takes parameters:, not args:; parameters: "
                            + Params.names(schema.get()));
                }
                params.putAll(Params.defaults(schema.get()));
                if (w.containsKey("parameters")) {
                    entries(w.get("parameters"), path + ".parameters", null).forEach((key, value) -> {
                        String field = path + ".parameters." + key;
                        try {
                            Param p = Params.find(schema.get(), key);
                            params.put(key, p.convert(plain(value)));
                        } catch (IllegalArgumentException e) {
                            error(value, field, e.getMessage());
                        }
                    });
                }
                args.addAll(Params.words(schema.get(), params));
            } else {
                if (w.containsKey("parameters")) {
                    error(w.get("parameters"), path + ".parameters", type + " declares no parameters; give its "
                            + "command-line words as args: [...]");
                }
                if (w.containsKey("args")) {
                    if (w.get("args") instanceof SequenceNode s) {
                        s.getValue().forEach(n -> args.add(String.valueOf(plain(n))));
                    } else {
                        error(w.get("args"), path + ".args", "expected a list of words");
                    }
                }
            }
            return new WorkloadSpec(label, type, params, args);
        }

        /** The timed events, in time order; a CPU an event names must exist on every variant's machine. */
        private List<TimedEvent> events(Node node, long end, List<Variant> variants) {
            List<TimedEvent> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            if (!(node instanceof SequenceNode seq)) {
                error(node, "events", "expected a list of events, e.g. [{at: 500ms, swap: {sched: bsd4}}]");
                return out;
            }
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                String path = "events[" + i + "]";
                Map<String, Node> e = entries(item, path, EVENT);
                if (!(item instanceof MappingNode)) {
                    continue;
                }
                if (!e.containsKey("at")) {
                    error(item, path + ".at", "missing: when it happens, e.g. at: 500ms");
                    continue;
                }
                long at = duration(e.get("at"), path + ".at", 0);
                if (at >= end) {
                    error(e.get("at"), path + ".at", "is at or after the end of the trial (warmup + measure = "
                            + VirtualDuration.format(end) + ")");
                }
                int kinds = (e.containsKey("swap") ? 1 : 0) + (e.containsKey("cpu-offline") ? 1 : 0)
                        + (e.containsKey("cpu-online") ? 1 : 0) + (e.containsKey("fault") ? 1 : 0);
                if (kinds != 1) {
                    error(item, path, "expected exactly one of swap, cpu-offline, cpu-online, fault");
                    continue;
                }
                if (e.containsKey("cpu-offline") || e.containsKey("cpu-online")) {
                    TimedEvent.Kind kind = e.containsKey("cpu-offline") ? TimedEvent.Kind.CPU_OFFLINE
                            : TimedEvent.Kind.CPU_ONLINE;
                    Node value = e.get(kind.key());
                    String field = path + "." + kind.key();
                    long cpu = integer(value, field, 0, MAX_CPU);
                    checkCpu(value, field, cpu, variants);
                    out.add(new TimedEvent(at, kind, Long.toString(cpu)));
                } else if (e.containsKey("swap")) {
                    Map<String, Node> s = entries(e.get("swap"), path + ".swap", Set.of("sched", "sync"));
                    if (s.size() != 1) {
                        error(e.get("swap"), path + ".swap", "expected one of sched: NAME or sync: NAME");
                        continue;
                    }
                    boolean sched = s.containsKey("sched");
                    Node target = sched ? s.get("sched") : s.get("sync");
                    String name = string(target, path + ".swap." + (sched ? "sched" : "sync"));
                    checkName(target, path + ".swap", name, sched ? catalog.schedulers() : catalog.tokens(),
                            sched ? "user scheduler" : "token implementation");
                    out.add(new TimedEvent(at, sched ? TimedEvent.Kind.SWAP_SCHED : TimedEvent.Kind.SWAP_SYNC,
                            name));
                } else {
                    TimedEvent fault = fault(at, e.get("fault"), path + ".fault", variants);
                    if (fault != null) {
                        out.add(fault);
                    }
                }
            }
            out.sort(java.util.Comparator.comparingLong(TimedEvent::at));
            return out;
        }

        /**
         * {@code {kind: disk-power-cut, disk: N}} or {@code {kind: cpu-stall, cpu: N, for: DURATION}} (an SMI or a
         * preempted vCPU: the CPU makes no progress for that long); null after reporting what is wrong.
         */
        private TimedEvent fault(long at, Node node, String path, List<Variant> variants) {
            Map<String, Node> f = entries(node, path, Set.of("kind", "disk", "cpu", "for"));
            String kind = f.containsKey("kind") ? string(f.get("kind"), path + ".kind") : null;
            if ("disk-power-cut".equals(kind)) {
                long disk = optionalInteger(f.get("disk"), path + ".disk", 0, 0, 255);
                return new TimedEvent(at, TimedEvent.Kind.DISK_POWER_CUT, Long.toString(disk));
            }
            if (!"cpu-stall".equals(kind)) {
                error(f.getOrDefault("kind", node), path + ".kind", "expected disk-power-cut or cpu-stall");
                return null;
            }
            if (!f.containsKey("cpu") || !f.containsKey("for")) {
                error(node, path, "a cpu-stall needs cpu: N and for: DURATION, e.g. {kind: cpu-stall, cpu: 3, "
                        + "for: 1ms}");
                return null;
            }
            long cpu = integer(f.get("cpu"), path + ".cpu", 0, MAX_CPU);
            checkCpu(f.get("cpu"), path + ".cpu", cpu, variants);
            long lasting = duration(f.get("for"), path + ".for", 1);
            return new TimedEvent(at, TimedEvent.Kind.CPU_STALL, Long.toString(cpu), lasting);
        }

        /** Reports the first variant whose machine, as far as the catalog can tell, has no CPU {@code cpu}. */
        private void checkCpu(Node node, String field, long cpu, List<Variant> variants) {
            for (Variant v : variants) {
                OptionalInt n = catalog.cpuCount(v.machine());
                if (n.isPresent() && cpu >= n.getAsInt()) {
                    error(node, field, "no CPU " + cpu + " on the machine of variant '" + v.name() + "' ("
                            + n.getAsInt() + " CPUs: 0.." + (n.getAsInt() - 1) + ")");
                    return;
                }
            }
        }

        private List<String> metrics(Node node) {
            List<String> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            if (!(node instanceof SequenceNode seq)) {
                error(node, "metrics", "expected a list of metric names, e.g. [throughput, lat.wakeup.p99]");
                return out;
            }
            for (int i = 0; i < seq.getValue().size(); i++) {
                String m = string(seq.getValue().get(i), "metrics[" + i + "]");
                if (m != null && !METRIC.matcher(m).matches()) {
                    error(seq.getValue().get(i), "metrics[" + i + "]", "expected a metric name such as "
                            + "throughput, context_switches, lat.wakeup.p99 or a pattern such as lat.*");
                } else if (m != null) {
                    out.add(m);
                }
            }
            return out;
        }

        /** The keys of a map node; reports duplicates, and unknown keys when {@code allowed} is given. */
        Map<String, Node> entries(Node node, String path, Set<String> allowed) {
            Map<String, Node> out = new LinkedHashMap<>();
            if (!(node instanceof MappingNode m)) {
                error(node, path.isEmpty() ? "-" : path, "expected a map" + (allowed == null ? ""
                        : " with keys " + String.join(", ", new java.util.TreeSet<>(allowed))));
                return out;
            }
            for (NodeTuple t : m.getValue()) {
                String field = path.isEmpty() ? "" : path + ".";
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    error(t.getKeyNode(), path, "keys must be plain words");
                    continue;
                }
                String key = k.getValue();
                if (key.equals("<<")) {
                    error(k, field + key, "YAML merge keys (<<: *anchor) are not supported; write the keys out "
                            + "(anchors and aliases of whole values do work)");
                    continue;
                }
                if (allowed != null && !allowed.contains(key)) {
                    error(k, field + key, "unknown key '" + key + "'; expected one of "
                            + String.join(", ", new java.util.TreeSet<>(allowed)));
                    continue;
                }
                if (out.put(key, t.getValueNode()) != null) {
                    error(k, field + key, "duplicate key '" + key + "'");
                }
            }
            return out;
        }

        String string(Node node, String field) {
            if (node instanceof ScalarNode s && plain(s) != null && !(plain(s) instanceof Boolean)) {
                return s.getValue();
            }
            error(node, field, "expected a string");
            return null;
        }

        long integer(Node node, String field, long min, long max) {
            Object v = plain(node);
            if (v instanceof Long l && l >= min && l <= max) {
                return l;
            }
            error(node, field, "expected an integer" + (min == Long.MIN_VALUE ? "" : " from " + min
                    + (max == Long.MAX_VALUE ? " up" : " to " + max)) + ", found '" + display(node) + "'");
            return Math.max(min, 0);
        }

        boolean optionalBoolean(Node node, String field, boolean def) {
            if (node == null) {
                return def;
            }
            if (plain(node) instanceof Boolean b) {
                return b;
            }
            error(node, field, "expected true or false, found '" + display(node) + "'");
            return def;
        }

        long optionalInteger(Node node, String field, long def, long min, long max) {
            return node == null ? def : integer(node, field, min, max);
        }

        /** A duration of {@code min} ns up to {@link Args#MAX_VIRTUAL_NANOS}, never one that rounds to 0 ns. */
        long duration(Node node, String field, long min) {
            Object v = plain(node);
            if (v instanceof String s) {
                try {
                    return Args.duration(field, s, min, Args.MAX_VIRTUAL_NANOS);
                } catch (IllegalArgumentException e) {
                    // Args names the field first; the error line names it already
                    error(node, field, e.getMessage().substring(field.length() + 2));
                    return 0;
                }
            }
            error(node, field, "expected a duration with a unit (ns, us, ms, s), e.g. 200ms, found '"
                    + display(node) + "'");
            return 0;
        }

        long optionalDuration(Node node, String field, long def, long min) {
            return node == null ? def : duration(node, field, min);
        }
    }

    /**
     * Every combination of the axes' values, the first axis varying slowest; an axis is one swept key or the
     * zipped keys, whose i-th values go together.
     */
    private static List<Map<String, Node>> product(List<Map<String, List<Node>>> axes) {
        List<Map<String, Node>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map<String, List<Node>> axis : axes) {
            int n = axis.values().iterator().next().size();
            List<Map<String, Node>> next = new ArrayList<>();
            for (Map<String, Node> partial : out) {
                for (int i = 0; i < n; i++) {
                    Map<String, Node> m = new LinkedHashMap<>(partial);
                    for (Map.Entry<String, List<Node>> k : axis.entrySet()) {
                        m.put(k.getKey(), k.getValue().get(i));
                    }
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** A scalar node's value as YAML's core schema reads it; maps and lists as text. */
    static Object plain(Node node) {
        if (!(node instanceof ScalarNode s)) {
            return display(node);
        }
        String v = s.getValue();
        if (s.getScalarStyle() != ScalarStyle.PLAIN) {
            return v;
        }
        if (v.isEmpty() || v.equals("~") || v.equals("null")) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (INTEGER.matcher(v).matches()) {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        if (DECIMAL.matcher(v).matches()) {
            return Double.parseDouble(v.replace("_", ""));
        }
        return v;
    }

    private static String display(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        return node instanceof MappingNode ? "a map" : "a list";
    }
}
