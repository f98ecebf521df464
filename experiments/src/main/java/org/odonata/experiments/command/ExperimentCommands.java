package org.odonata.experiments.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.kern.Workload;
import org.odonata.api.machine.MachineFactory;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.probe.ProbeService;
import org.odonata.api.repo.BundleInstaller;
import org.odonata.api.repo.InstalledBundle;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.topology.TopologySource;
import org.odonata.command.Args;
import org.odonata.command.CommandInterrupted;
import org.odonata.command.Interruptible;
import org.odonata.command.PlainMessage;
import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.ResultServer;
import org.odonata.experiments.report.ResultStore;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.Trial;
import org.odonata.experiments.shard.Shard;
import org.odonata.experiments.shard.ShardFolder;
import org.odonata.experiments.shard.ShardMerge;
import org.odonata.experiments.shard.ShardPlan;
import org.odonata.experiments.slurm.SlurmClient;
import org.odonata.experiments.slurm.SlurmSubmit;
import org.odonata.experiments.slurm.SubmitArgs;
import org.odonata.experiments.slurm.SubmissionFolder;
import org.odonata.experiments.rtapp.RtAppFile;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecBundle;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.Summary;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code exp:} commands: run an experiment spec, list past runs, show one, compare two. Implementations
 * are whatever services are registered when a run starts; a run uses that snapshot throughout.
 */
@Component(service = ExperimentCommands.class, immediate = true, property = {
    "osgi.command.scope=exp",
    "osgi.command.function=run",
    "osgi.command.function=list",
    "osgi.command.function=show",
    "osgi.command.function=compare",
    "osgi.command.function=serve",
    "osgi.command.function=merge",
    "osgi.command.function=submit"})
public final class ExperimentCommands {

    private static final Path RESULTS = Path.of("results");

    /** The running {@code exp:serve}, if any; commands run on the shell's thread. */
    private ResultServer server;

    @Reference
    private MachineFactory machines;

    @Reference
    private TopologySource topologies;

    @Reference
    private KernelFactory kernels;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<UserSchedulerFactory> schedulers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<TokenAlgorithmFactory> tokens = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<Workload> workloads = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<PageoutPolicyFactory> pageouts = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BundleInstaller installer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProbeService probes;

    @Descriptor("run an experiment spec: exp:run SPEC.yaml [--set key=value]... [--threads N] [--results DIR] "
            + "[--trace] [--unsafe] [--shard I/N]")
    public String run(@Descriptor("the spec file, then options: --set key=value (repeatable), --threads N "
            + "(host threads, default all processors), --results DIR (default results), --trace (write trace.json "
            + "of the spec's trace trial, or of the baseline's trial 0 on the first workload), --unsafe (load the "
            + "spec's bundles even if the bundle verifier refuses them; config.json records it), --shard I/N (run "
            + "only shard I of N into a shard folder; exp:merge makes the run of all N)") String... args)
            throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("exp:run needs a spec file: exp:run SPEC.yaml [--set key=value]... "
                    + "[--threads N] [--results DIR] [--trace]");
        }
        Path spec = null;
        List<String> sets = new ArrayList<>();
        int threads = 0;
        Path results = RESULTS;
        boolean trace = false;
        int maxThreads = 4 * Runtime.getRuntime().availableProcessors();
        boolean unsafe = false;
        Shard shard = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> {
                    String set = value(args, ++i, "--set", "key=value, e.g. --set trials=3");
                    if (set.equals("=")) {
                        // Gogo reads '=' as a word of its own: "--set =1" arrives as "--set", "=", "1"
                        throw new IllegalArgumentException("--set: expected key=value, e.g. --set trials=3; got '="
                                + (i + 1 < args.length ? args[i + 1] : "") + "', with no key before '='");
                    }
                    sets.add(set);
                }
                case "--threads" -> threads = Args.count("--threads", value(args, ++i, "--threads",
                        "a number of host threads"), 1, maxThreads);
                case "--results" -> results = Path.of(value(args, ++i, "--results", "a folder"));
                case "--trace" -> trace = true;
                case "--unsafe" -> unsafe = true;
                case "--shard" -> shard = Shard.parse(value(args, ++i, "--shard", "I/N, e.g. --shard 1/4"));
                default -> {
                    if (args[i].startsWith("--") || spec != null) {
                        throw new IllegalArgumentException("unexpected '" + args[i] + "'; options: --set key=value, "
                                + "--threads N, --results DIR, --trace, --unsafe, --shard I/N");
                    }
                    spec = Path.of(args[i]);
                }
            }
        }
        if (spec == null) {
            throw new IllegalArgumentException("exp:run needs a spec file");
        }
        if (!Files.isRegularFile(spec)) {
            throw new IllegalArgumentException("spec not found: " + spec.toAbsolutePath());
        }
        writableFolder(results);
        BundleInstaller bundles = installer;
        load(new SpecReader(implementations()).bundles(spec, sets), bundles, unsafe);
        Implementations impl = implementations();
        SpecReader reader = new SpecReader(impl);
        ResolvedConfig config = reader.read(spec, sets);
        if (trace && config.points().get(0).trace() == null) {
            // an empty trace map takes every default: the baseline's trial 0 on the first workload
            sets.add("trace={}");
            config = reader.read(spec, sets);
        }
        RunEnvironment env = bundles == null ? RunEnvironment.current() : RunEnvironment.current(bundles.installed());
        if (shard != null) {
            return runShard(spec, config, shard, impl, env, threads, results);
        }
        System.out.println("experiment " + config.name() + ": " + config.trialCount() + " trials ("
                + config.points().size() + " point(s))");
        rtAppNotes(config).forEach(n -> System.out.println("note: " + n));
        ExperimentRun run;
        try (Interruptible scope = Interruptible.enter()) {
            run = new ExperimentRunner(impl, probes).run(config, threads, System.out::println);
        }
        if (run.interrupted() && run.finished() == 0) {
            throw new CommandInterrupted("exp:run interrupted before any trial finished; nothing was written");
        }
        Summary summary = Summary.of(run);
        Path dir = ReportWriter.write(results, run, summary, env);
        boolean traced = run.results().stream().anyMatch(r -> r.trace() != null);
        String ejections = run.ejections() == 0 ? "" : "ejections: " + run.ejections() + " in "
                + run.results().stream().filter(r -> r.ejections() > 0).count() + " trials (see "
                + dir.resolve(ReportWriter.FAULTS_FILE) + ")\n";
        String text = ReportWriter.terminal(run, summary) + ejections + "report: " + dir.resolve("report.md") + "\ncharts: "
                + dir.resolve("charts")
                + (traced ? "\ntrace: " + dir.resolve(ReportWriter.TRACE_FILE) + " (open in ui.perfetto.dev)" : "")
                + "\ndigest: " + run.digest();
        if (run.interrupted()) {
            System.out.println(text);
            throw new CommandInterrupted("exp:run interrupted: " + run.finished() + " of " + run.results().size()
                    + " trials finished; the partial run, marked interrupted, is in " + dir);
        }
        long failed = run.failures();
        if (failed > 0 && (failed == run.results().size() || !config.allowFailures())) {
            System.out.println(text);
            throw new IllegalStateException(failureSummary(run) + (failed == run.results().size() ? ""
                    : "; a spec that expects failures says allowFailures: true") + " (results in " + dir + ")");
        }
        return text;
    }

    /** {@code 3 of 40 trials failed: 2 × REASON (dfly/hackbench#0, …); 1 × REASON (…)}, most frequent first. */
    static String failureSummary(ExperimentRun run) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (TrialResult r : run.results()) {
            if (r.failed()) {
                byReason.computeIfAbsent(r.failure(), k -> new ArrayList<>()).add(r.trial().label());
            }
        }
        String groups = byReason.entrySet().stream()
                .sorted((a, b) -> b.getValue().size() - a.getValue().size())
                .map(e -> e.getValue().size() + " × " + e.getKey() + " (" + String.join(", ",
                        e.getValue().subList(0, Math.min(3, e.getValue().size())))
                        + (e.getValue().size() > 3 ? ", …" : "") + ")")
                .collect(Collectors.joining("; "));
        long failed = run.failures();
        return (failed == run.results().size() ? "every trial failed (" + failed + " of " + failed + "): "
                : failed + " of " + run.results().size() + " trials failed: ") + groups;
    }

    /** What the rt-app files the spec names accepted but do not model, or hazards in them, once per file. */
    private static List<String> rtAppNotes(ResolvedConfig config) {
        return config.points().stream().flatMap(p -> p.variants().stream()).flatMap(v -> v.workloads().stream())
                .filter(w -> w.type().equals("rt-app") && !w.args().isEmpty()).map(w -> Path.of(w.args().get(0)))
                .distinct().flatMap(f -> RtAppFile.read(f).notes().stream().map(n -> f.getFileName() + ": " + n))
                .toList();
    }

    /** --results must be a folder this process can write, checked before any trial runs. */
    private static void writableFolder(Path results) {
        if (Files.exists(results) && !Files.isDirectory(results)) {
            throw new IllegalArgumentException("--results: " + results.toAbsolutePath() + " is not a folder");
        }
        try {
            Files.createDirectories(results);
            Files.delete(Files.createTempFile(results, ".write-check", ""));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--results: cannot write results in " + results.toAbsolutePath()
                    + ": " + PlainMessage.of(e));
        }
    }

    /** One shard of a run: its trials only, into a shard folder that exp:merge reads. */
    private String runShard(Path spec, ResolvedConfig config, Shard shard, Implementations impl, RunEnvironment env,
            int threads, Path results) throws IOException {
        List<Trial> mine = ShardPlan.select(ExperimentRunner.plan(config), shard, impl);
        ShardFolder.Manifest m = ShardFolder.Manifest.starting(config.name(), spec.toString(), Files.readString(spec),
                config.sets(), shard, mine.stream().map(Trial::order).toList(), env, threads);
        Path dir = ShardFolder.start(ShardFolder.folder(results, config.name(), m.fingerprint(), shard), m);
        System.out.println("experiment " + config.name() + ", shard " + shard + ": " + mine.size() + " of "
                + config.trialCount() + " trials");
        ExperimentRun run = new ExperimentRunner(impl, probes).run(config, threads, System.out::println, mine);
        ShardFolder.finish(dir, m.ran(run.threads(), run.hostSeconds()), run.results());
        return "shard " + shard + " of " + config.name() + ": " + run.results().size() + " trials"
                + (run.failures() == 0 ? "" : " (" + run.failures() + " failed)") + " in " + dir
                + "\nonce every shard is done: exp:merge '" + dir.getParent().resolve(dir.getFileName().toString()
                .replaceAll("-\\d+-of-", "-*-of-")) + "'";
    }

    /** A folder, or the folders a quoted glob in its last name matches ({@code 'results/x/shards/ab12-*-of-8'}). */
    private static List<Path> expand(String arg) throws IOException {
        Path p = Path.of(arg);
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) {
            return List.of(p);
        }
        Path parent = p.getParent() == null ? Path.of(".") : p.getParent();
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(parent)) {
            try (var matches = Files.newDirectoryStream(parent, name)) {
                matches.forEach(out::add);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no folder matches '" + arg + "'");
        }
        out.sort(null);
        return out;
    }

    @Descriptor("merge the shard folders of one run (exp:run --shard I/N) into the run: exp:merge DIR... "
            + "[--results DIR]; its digest is the one of the same run made in one piece")
    public String merge(@Descriptor("the shard folders, then --results DIR (default results)") String... args)
            throws IOException {
        List<Path> folders = new ArrayList<>();
        Path results = RESULTS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--results")) {
                results = Path.of(value(args, ++i, "--results", "a folder"));
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected '" + args[i] + "'; usage: exp:merge DIR... "
                        + "[--results DIR]");
            } else {
                folders.addAll(expand(args[i]));
            }
        }
        if (!folders.isEmpty()) {
            // the spec's bundles, from the spec the shards ran (exp:submit's staged copy), before the spec is re-read
            ShardFolder.Manifest first = ShardFolder.manifest(folders.get(0));
            Path spec = Path.of(first.specFile());
            if (Files.isRegularFile(spec)) {
                load(new SpecReader(implementations()).bundles(spec, first.sets()), installer, false);
            }
        }
        ShardMerge.Merged merged = ShardMerge.merge(folders, implementations());
        ExperimentRun run = merged.run();
        Summary summary = Summary.of(run);
        Path dir = ReportWriter.write(results, run, summary, merged.environment());
        return ReportWriter.terminal(run, summary) + "merged " + merged.shards() + " shards, " + run.results().size()
                + " trials: " + dir.resolve("report.md") + "\ndigest: " + run.digest();
    }

    @Descriptor("run an experiment on a Slurm cluster: a job array of shards and a merge job after it; " + SubmitArgs.USAGE)
    public String submit(@Descriptor("the spec file, then options: --slurm (required), --shards N (default 4), "
            + "--partition P, --time T, --cpus-per-task C, --mem M (per shard, as sbatch takes them), --set key=value "
            + "(repeatable), --results DIR (on the filesystem the nodes share; default results), --dry-run (print "
            + "the scripts, submit nothing), --wait (follow the jobs and print the merged run and its digest); or "
            + "--resume DIR [--wait] to resubmit a submission's missing or incomplete shards") String... args)
            throws IOException {
        SubmitArgs a = SubmitArgs.parse(args, RESULTS);
        SlurmClient client = new SlurmClient();
        SlurmSubmit slurm = new SlurmSubmit(client, System.out::println, 2000);
        if (a.resume() != null) {
            client.require("sbatch", "squeue");
            return slurm.resume(a.resume(), a.follow());
        }
        if (!a.dryRun()) {
            client.require("sbatch", "squeue");
        }
        if (!Files.isRegularFile(a.spec())) {
            throw new IllegalArgumentException("spec not found: " + a.spec().toAbsolutePath());
        }
        writableFolder(a.results());
        load(new SpecReader(implementations()).bundles(a.spec(), a.sets()), installer, false);
        SpecReader reader = new SpecReader(implementations());
        ResolvedConfig config = reader.read(a.spec(), a.sets());
        return SubmissionFolder.submit(a, config, reader.bundles(a.spec(), a.sets()), slurm);
    }

    @Descriptor("list past runs under ./results: experiment, run id, trials, failures, digest")
    public String list() {
        return new ResultStore(RESULTS).list();
    }

    @Descriptor("print a past run's report, or with --open the path of its report.html; an incomplete run says "
            + "what it lacks")
    public String show(@Descriptor("run id (a prefix will do), experiment/run-id, or the run's folder; then "
            + "--open for the path of report.html") String... args) throws IOException {
        if (args.length == 0 || args.length > 2 || args.length == 2 && !args[1].equals("--open")
                || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: exp:show RUN [--open]");
        }
        Path dir = new ResultStore(RESULTS).find(args[0]);
        if (args.length == 2) {
            Path html = dir.resolve(ReportWriter.REPORT_HTML);
            if (!Files.isRegularFile(html)) {
                throw new IllegalArgumentException("run " + args[0] + " has no " + ReportWriter.REPORT_HTML
                        + " (it was written before reports had one): " + dir);
            }
            return html.toAbsolutePath().toUri().toString();
        }
        return Files.readString(dir.resolve("report.md")) + "\nfolder: " + dir;
    }

    @Descriptor("serve ./results on http://127.0.0.1 for browsing past runs: exp:serve [PORT] | exp:serve stop")
    public String serve(@Descriptor("a port (default 8765, 0 for any free one), or stop") String... args)
            throws IOException {
        if (args.length > 1) {
            throw new IllegalArgumentException("usage: exp:serve [PORT] | exp:serve stop");
        }
        if (args.length == 1 && args[0].equals("stop")) {
            if (server == null) {
                return "exp:serve is not running";
            }
            server.close();
            server = null;
            return "stopped serving results";
        }
        if (server != null) {
            return "already serving " + RESULTS.toAbsolutePath() + " at " + server.url() + " (exp:serve stop first)";
        }
        int port = 8765;
        if (args.length == 1) {
            try {
                port = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("exp:serve: '" + args[0] + "' is not a port; usage: exp:serve "
                        + "[PORT] | exp:serve stop");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("exp:serve: port " + port + " is out of range 0..65535");
            }
        }
        server = new ResultServer(RESULTS, port);
        return "serving " + RESULTS.toAbsolutePath() + " at " + server.url() + " (exp:serve stop to stop)";
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Descriptor("compare two past runs per variant, workload and metric (means, difference, Welch p-value)")
    public String compare(@Descriptor("run A") String a, @Descriptor("run B") String b) {
        ResultStore store = new ResultStore(RESULTS);
        return store.compare(store.find(a), store.find(b), List.of());
    }

    /** The implementations registered now: a run keeps this snapshot throughout. */
    private Implementations implementations() {
        return Implementations.of(machines, topologies, kernels, List.copyOf(schedulers), List.copyOf(tokens),
                List.copyOf(workloads), List.copyOf(pageouts));
    }

    /** Installs and starts the spec's bundles (verified, recorded) before its variants are checked. */
    private static void load(List<SpecBundle> wanted, BundleInstaller installer, boolean unsafe) {
        if (wanted.isEmpty()) {
            return;
        }
        if (installer == null) {
            throw new IllegalArgumentException("the spec loads bundles, but no bundle installer is running "
                    + "(the org.odonata.repo bundle)");
        }
        for (SpecBundle b : wanted) {
            List<InstalledBundle> done = b.jar() != null ? List.of(installer.install(b.jar(), unsafe))
                    : installer.install(b.repository(), b.name(), b.version(), unsafe);
            for (InstalledBundle d : done) {
                System.out.println("bundle " + d.symbolicName() + " " + d.version() + " [" + d.id() + "]: "
                        + d.verdict() + ", sha256 " + d.sha256());
            }
        }
    }

    private static String value(String[] args, int i, String option, String expected) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value: " + expected);
        }
        return args[i];
    }
}
