package org.odonata.experiments.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A submission's {@code submit.json}: what it runs, the SHA-256 of everything staged, and each round of jobs (the
 * first submission, then every {@code --resume}) with the shards it ran; {@code exp:submit --resume} reads it.
 *
 * @param rounds oldest first
 */
public record SubmitRecord(Submission submission, Staging.Distribution distribution, Map<String, String> files,
        List<Round> rounds) {

    static final String FILE = "submit.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sbatch of the array (for {@code shards}) and of the merge job depending on it. */
    public record Round(long arrayJob, long mergeJob, List<Integer> shards) {

        public Round {
            shards = List.copyOf(shards);
        }
    }

    public SubmitRecord {
        files = Map.copyOf(files);
        rounds = List.copyOf(rounds);
    }

    public SubmitRecord with(Round round) {
        List<Round> all = new ArrayList<>(rounds);
        all.add(round);
        return new SubmitRecord(submission, distribution, files, all);
    }

    public Round last() {
        return rounds.get(rounds.size() - 1);
    }

    public void write() throws IOException {
        Submission s = submission;
        ObjectNode o = JSON.createObjectNode();
        o.put("experiment", s.experiment());
        o.put("shards", s.shards());
        o.put("launcher", s.launcher().toString());
        o.put("spec", s.spec().toString());
        ArrayNode sets = o.putArray("sets");
        s.sets().forEach(sets::add);
        o.put("results", s.results().toString());
        o.put("dir", s.dir().toString());
        o.put("workDir", s.workDir().toString());
        ObjectNode r = o.putObject("resources");
        r.put("partition", s.resources().partition());
        r.put("time", s.resources().time());
        r.put("cpusPerTask", s.resources().cpusPerTask());
        r.put("mem", s.resources().mem());
        o.putObject("distribution").put("launcherSha256", distribution.launcherSha256())
                .put("jarSha256", distribution.jarSha256());
        ObjectNode f = o.putObject("files");
        files.forEach(f::put);
        ArrayNode rs = o.putArray("rounds");
        for (Round x : rounds) {
            ObjectNode ro = rs.addObject().put("arrayJob", x.arrayJob()).put("mergeJob", x.mergeJob());
            x.shards().forEach(ro.putArray("shards")::add);
        }
        Path tmp = s.dir().resolve(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), o);
        Files.move(tmp, s.dir().resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @throws IllegalArgumentException naming the folder and what is wrong with it */
    public static SubmitRecord read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a submission folder: it has no " + FILE + " (exp:submit "
                    + "prints the folder it made)");
        }
        try {
            JsonNode o = JSON.readTree(file.toFile());
            List<String> sets = new ArrayList<>();
            o.get("sets").forEach(x -> sets.add(x.asText()));
            JsonNode r = o.get("resources");
            Submission s = new Submission(o.get("experiment").asText(), o.get("shards").asInt(),
                    Path.of(o.get("launcher").asText()), Path.of(o.get("spec").asText()), sets,
                    Path.of(o.get("results").asText()), Path.of(o.get("dir").asText()),
                    Path.of(o.get("workDir").asText()), new Submission.Resources(text(r, "partition"),
                    text(r, "time"), r.get("cpusPerTask").asInt(), text(r, "mem")));
            JsonNode d = o.get("distribution");
            Map<String, String> files = new LinkedHashMap<>();
            o.get("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
            List<Round> rounds = new ArrayList<>();
            for (JsonNode x : o.get("rounds")) {
                List<Integer> shards = new ArrayList<>();
                x.get("shards").forEach(i -> shards.add(i.asInt()));
                rounds.add(new Round(x.get("arrayJob").asLong(), x.get("mergeJob").asLong(), shards));
            }
            return new SubmitRecord(s, new Staging.Distribution(s.launcher(), d.get("launcherSha256").asText(),
                    d.get("jarSha256").asText()), files, rounds);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is corrupt: " + (e.getMessage() == null ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
