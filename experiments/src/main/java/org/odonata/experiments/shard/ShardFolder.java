package org.odonata.experiments.shard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.odonata.api.kern.Fault;
import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricKind;
import org.odonata.api.repo.InstalledBundle;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.Trial;
import org.odonata.experiments.run.TrialResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A shard's folder, {@code RESULTS/EXPERIMENT/shards/FINGERPRINT-I-of-N/}: {@code shard.json} (the spec's text and
 * file name, the {@code --set} overrides, the shard, its trials' canonical positions, the bundles with their
 * SHA-256, host and JDK, and whether it finished), {@code trials.jsonl} (one line per trial: every metric's exact
 * bits, declarations, probes, latency histograms, the kernel's digest, the host time) and the traced trial's
 * {@code trace.json} if this shard ran it. shard.json is written first saying {@code complete: false} and
 * replaced, last, by one saying {@code true}: a node that dies mid-shard leaves a shard that merge refuses.
 */
public final class ShardFolder {

    static final String MANIFEST = "shard.json";
    static final String TRIALS = "trials.jsonl";
    static final String TRACE = "trace.json";
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardFolder() {
    }

    /**
     * The fingerprint of what a shard ran: the spec's text, the overrides and the bundles (name, version, SHA-256);
     * shards of one run share it.
     */
    static String fingerprint(String specText, List<String> sets, List<InstalledBundle> bundles) {
        StringBuilder b = new StringBuilder(specText).append("\n--\n");
        sets.forEach(s -> b.append(s).append('\n'));
        b.append("--\n");
        bundleKeys(bundles).values().forEach(x -> b.append(x).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** What identifies a bundle across hosts: name, version and SHA-256 (locations differ from node to node). */
    static String bundleKey(InstalledBundle b) {
        return b.symbolicName() + " " + b.version() + " sha256 " + (b.sha256() == null ? "unknown" : b.sha256());
    }

    /** The folder a shard writes to under {@code resultsRoot}. */
    public static Path folder(Path resultsRoot, String experiment, String fingerprint, Shard shard) {
        return resultsRoot.resolve(experiment).resolve("shards")
                .resolve(fingerprint.substring(0, 12) + "-" + shard.index() + "-of-" + shard.count());
    }

    /** Starts a shard's folder: its manifest says it is not complete until {@link #finish} replaces it. */
    public static Path start(Path folder, Manifest manifest) throws IOException {
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(TRIALS));
        Files.deleteIfExists(folder.resolve(TRACE));
        writeManifest(folder, manifest);
        return folder;
    }

    /** Writes the trials, then the manifest saying the shard is complete. */
    public static void finish(Path folder, Manifest manifest, List<TrialResult> results) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (TrialResult r : results) {
            lines.append(JSON.writeValueAsString(line(r))).append('\n');
            if (r.trace() != null) {
                Files.write(folder.resolve(TRACE), r.trace());
            }
        }
        Files.writeString(folder.resolve(TRIALS), lines);
        writeManifest(folder, manifest.completed());
    }

    private static void writeManifest(Path folder, Manifest m) throws IOException {
        Path tmp = folder.resolve(MANIFEST + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m.toJson());
        Files.move(tmp, folder.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a shard's manifest. @throws IllegalArgumentException naming the folder and what is wrong with it */
    public static Manifest manifest(Path folder) {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " is not a shard folder: it has no " + MANIFEST);
        }
        try {
            return Manifest.of(JSON.readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is corrupt: " + e.getMessage().lines().findFirst()
                    .orElse(e.toString()));
        }
    }

    /**
     * Reads a shard's trials, rebuilding each result on the trial the merge planned at its canonical position.
     *
     * @param planned every trial of the run, by canonical order
     * @throws IllegalArgumentException naming the file and line that is corrupt or names another trial
     */
    public static List<TrialResult> trials(Path folder, List<Trial> planned) {
        Path file = folder.resolve(TRIALS);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
        }
        List<TrialResult> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = file + ":" + (i + 1);
            try {
                out.add(result(JSON.readTree(lines.get(i)), planned, folder));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(where + " is corrupt: " + (e.getMessage() == null ? e.toString()
                        : e.getMessage().lines().findFirst().orElse("")));
            }
        }
        return out;
    }

    private static ObjectNode line(TrialResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("order", r.trial().order());
        o.put("label", r.trial().label());
        o.put("seed", r.trial().seed());
        o.put("failure", r.failure());
        o.set("metrics", values(r.metrics()));
        o.set("probes", values(r.probes()));
        ArrayNode declared = o.putArray("declared");
        r.declared().forEach((name, m) -> declared.addObject().put("name", name).put("metric", m.name())
                .put("kind", m.kind().name()).put("unit", m.unit()).put("description", m.description()));
        ArrayNode latencies = o.putArray("latencies");
        r.latencies().forEach((name, h) -> {
            ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
            int n = h.encodeIntoCompressedByteBuffer(buffer);
            latencies.addArray().add(name).add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(
                    buffer.array(), n)));
        });
        o.put("kernelDigest", r.kernelDigest());
        o.put("hostNanos", r.hostNanos());
        o.put("traced", r.trace() != null);
        ArrayNode faults = o.putArray("faults");
        for (Fault f : r.faults()) {
            ObjectNode fo = faults.addObject().put("time", f.time()).put("subsystem", f.subsystem())
                    .put("implementation", f.implementation()).put("fallback", f.fallback()).put("reason", f.reason())
                    .put("stackTrace", f.stackTrace());
            f.dump().forEach(fo.putArray("dump")::add);
        }
        return o;
    }

    /** Values in their order, each as the hex of its exact bits: nothing is lost to decimal printing. */
    private static ArrayNode values(Map<String, Double> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach((k, v) -> a.addArray().add(k).add(Long.toHexString(Double.doubleToRawLongBits(v))));
        return a;
    }

    private static Map<String, Double> values(JsonNode a) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (JsonNode pair : array(a, "values")) {
            m.put(pair.get(0).asText(), Double.longBitsToDouble(Long.parseUnsignedLong(pair.get(1).asText(), 16)));
        }
        return m;
    }

    private static TrialResult result(JsonNode o, List<Trial> planned, Path folder) throws IOException {
        int order = o.get("order").asInt();
        if (order < 0 || order >= planned.size()) {
            throw new IllegalArgumentException("trial " + order + " is not in the run's " + planned.size()
                    + " trials");
        }
        Trial t = planned.get(order);
        if (!t.label().equals(o.get("label").asText()) || t.seed() != o.get("seed").asLong()) {
            throw new IllegalArgumentException("trial " + order + " is " + o.get("label").asText() + " seed "
                    + o.get("seed").asLong() + " here, " + t.label() + " seed " + t.seed() + " in the spec");
        }
        Map<String, Metric> declared = new LinkedHashMap<>();
        for (JsonNode d : array(o.get("declared"), "declared")) {
            declared.put(d.get("name").asText(), new Metric(d.get("metric").asText(),
                    MetricKind.valueOf(d.get("kind").asText()), d.get("unit").asText(), d.get("description")
                    .asText()));
        }
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        for (JsonNode pair : array(o.get("latencies"), "latencies")) {
            byte[] bytes = Base64.getDecoder().decode(pair.get(1).asText());
            try {
                latencies.put(pair.get(0).asText(), Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes),
                        0));
            } catch (java.util.zip.DataFormatException e) {
                throw new IllegalArgumentException("latency histogram " + pair.get(0).asText() + ": " + e.getMessage());
            }
        }
        byte[] trace = null;
        if (o.get("traced").asBoolean()) {
            trace = Files.readAllBytes(folder.resolve(TRACE));
        }
        JsonNode failure = o.get("failure");
        return new TrialResult(t, failure == null || failure.isNull() ? null : failure.asText(),
                values(o.get("metrics")), latencies, o.get("kernelDigest").asText(), o.get("hostNanos").asLong(),
                trace, declared, values(o.get("probes")), faults(o.get("faults")));
    }

    /** The trial's faults as {@link #line} wrote them; none in a folder written before faults were kept. */
    private static List<Fault> faults(JsonNode a) {
        List<Fault> faults = new ArrayList<>();
        if (a == null) {
            return faults;
        }
        for (JsonNode f : array(a, "faults")) {
            List<String> dump = new ArrayList<>();
            array(f.get("dump"), "dump").forEach(d -> dump.add(d.asText()));
            JsonNode stack = f.get("stackTrace");
            faults.add(new Fault(f.get("time").asLong(), f.get("subsystem").asText(), f.get("implementation").asText(),
                    f.get("fallback").asText(), f.get("reason").asText(), stack == null || stack.isNull() ? null
                    : stack.asText(), dump));
        }
        return faults;
    }

    private static JsonNode array(JsonNode a, String what) {
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("'" + what + "' is not a list");
        }
        return a;
    }

    /**
     * What a shard folder says about itself.
     *
     * @param specFile the spec's file name as given to {@code exp:run}, for messages
     * @param trials   the canonical positions of the shard's trials
     * @param complete whether the shard's run finished and wrote every trial
     */
    public record Manifest(String experiment, String specFile, String specText, List<String> sets, Shard shard,
            List<Integer> trials, List<InstalledBundle> bundles, String host, String jdk, int threads,
            double hostSeconds, boolean complete) {

        public Manifest {
            sets = List.copyOf(sets);
            trials = List.copyOf(trials);
            bundles = List.copyOf(bundles);
        }

        /** A manifest for a shard about to run. */
        public static Manifest starting(String experiment, String specFile, String specText, List<String> sets,
                Shard shard, List<Integer> trials, RunEnvironment env, int threads) {
            return new Manifest(experiment, specFile, specText, sets, shard, trials, env.bundles(), env.host(),
                    env.jdk(), threads, 0, false);
        }

        public String fingerprint() {
            return ShardFolder.fingerprint(specText, sets, bundles);
        }

        Manifest completed() {
            return new Manifest(experiment, specFile, specText, sets, shard, trials, bundles, host, jdk, threads,
                    hostSeconds, true);
        }

        /** The same manifest with the host threads the shard's run used and the host seconds it took. */
        public Manifest ran(int hostThreads, double seconds) {
            return new Manifest(experiment, specFile, specText, sets, shard, trials, bundles, host, jdk, hostThreads,
                    seconds, complete);
        }

        ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("format", FORMAT);
            o.put("experiment", experiment);
            o.put("shard", shard.toString());
            o.put("complete", complete);
            o.put("fingerprint", fingerprint());
            o.put("specFile", specFile);
            o.put("spec", specText);
            ArrayNode s = o.putArray("sets");
            sets.forEach(s::add);
            ArrayNode t = o.putArray("trials");
            trials.forEach(t::add);
            ArrayNode b = o.putArray("bundles");
            for (InstalledBundle x : bundles) {
                b.addObject().put("id", x.id()).put("symbolicName", x.symbolicName()).put("version", x.version())
                        .put("sha256", x.sha256()).put("location", x.location()).put("verdict", x.verdict());
            }
            o.put("host", host);
            o.put("jdk", jdk);
            o.put("hostThreads", threads);
            o.put("hostSeconds", hostSeconds);
            return o;
        }

        static Manifest of(JsonNode o) {
            if (o.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException("format " + o.path("format").asText("missing") + ", this Odonata "
                        + "reads format " + FORMAT);
            }
            List<String> sets = new ArrayList<>();
            array(o.get("sets"), "sets").forEach(x -> sets.add(x.asText()));
            List<Integer> trials = new ArrayList<>();
            array(o.get("trials"), "trials").forEach(x -> trials.add(x.asInt()));
            List<InstalledBundle> bundles = new ArrayList<>();
            for (JsonNode x : array(o.get("bundles"), "bundles")) {
                bundles.add(new InstalledBundle(x.get("id").asLong(), x.get("symbolicName").asText(),
                        x.get("version").asText(), x.get("sha256").isNull() ? null : x.get("sha256").asText(),
                        x.get("location").asText(), x.get("verdict").asText()));
            }
            Manifest m = new Manifest(o.get("experiment").asText(), o.get("specFile").asText(),
                    o.get("spec").asText(), sets, Shard.parse(o.get("shard").asText()), trials, bundles,
                    o.get("host").asText(), o.get("jdk").asText(), o.get("hostThreads").asInt(),
                    o.get("hostSeconds").asDouble(), o.get("complete").asBoolean());
            if (!m.fingerprint().equals(o.path("fingerprint").asText())) {
                throw new IllegalArgumentException("its fingerprint does not match its spec, overrides and bundles");
            }
            return m;
        }
    }

    /** The bundles as {@code name version sha256}, sorted: what shards of one run must agree on. */
    static Map<String, String> bundleKeys(List<InstalledBundle> bundles) {
        Map<String, String> m = new TreeMap<>();
        bundles.forEach(b -> m.put(b.symbolicName(), bundleKey(b)));
        return m;
    }
}
