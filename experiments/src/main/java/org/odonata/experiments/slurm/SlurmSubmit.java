package org.odonata.experiments.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.odonata.command.CommandInterrupted;
import org.odonata.command.Interruptible;
import org.odonata.experiments.shard.ShardFolder;

/**
 * Submits a submission's jobs (the shard array, then the merge job with {@code --dependency=afterok}), resubmits the
 * shards a submission still lacks, and follows the jobs until the merged run. A shard is done when its folder says
 * {@code complete: true}; an array task that left the queue without that failed, and is reported with its Slurm
 * state and its log's last lines.
 */
public final class SlurmSubmit {

    /** What a shard's folder says: done, started but not finished (its node died, or it failed), or absent. */
    public enum ShardStatus { DONE, INCOMPLETE, MISSING }

    private static final int LOG_LINES = 12;
    private static final Pattern DIGEST = Pattern.compile("(?m)^digest: ([0-9a-f]{64})$");
    private static final Pattern MERGED = Pattern.compile("(?m)^merged \\d+ shards, \\d+ trials: (.+)/report\\.md$");

    private final SlurmClient slurm;
    private final Consumer<String> progress;
    private final long pollMillis;

    public SlurmSubmit(SlurmClient slurm, Consumer<String> progress, long pollMillis) {
        this.slurm = slurm;
        this.progress = progress;
        this.pollMillis = pollMillis;
    }

    /** Writes the scripts into the submission's folder (and its logs folder). */
    public static void writeScripts(Submission s) throws IOException {
        Files.createDirectories(s.dir().resolve("logs"));
        Files.writeString(s.arrayScript(), JobScripts.array(s));
        Files.writeString(s.mergeScript(), JobScripts.merge(s));
    }

    /** What --dry-run prints: both scripts and the sbatch commands that would submit them. */
    public static String dryRun(Submission s) {
        return "# " + s.arrayScript() + "  (sbatch --parsable " + s.arrayScript() + ")\n" + JobScripts.array(s)
                + "\n# " + s.mergeScript() + "  (sbatch --parsable --dependency=afterok:<the array's job id> "
                + s.mergeScript() + ")\n" + JobScripts.merge(s)
                + "\nnothing submitted (--dry-run); the scripts are in " + s.dir();
    }

    /** Submits every shard and the merge; follows them if {@code wait}. */
    public String submit(SubmitRecord record, boolean wait) throws IOException {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= record.submission().shards(); i++) {
            all.add(i);
        }
        return submitRound(record, all, wait);
    }

    /**
     * Resubmits the shards of a submission that are missing or incomplete, and the merge; with every shard done and
     * not yet merged, the merge alone. Jobs of the submission still queued are followed ({@code --wait}) or refused.
     */
    public String resume(Path dir, boolean wait) throws IOException {
        SubmitRecord record = SubmitRecord.read(dir);
        Submission s = record.submission();
        // a --dry-run's folder has no round yet: nothing of it can be queued
        SubmitRecord.Round last = record.rounds().isEmpty() ? null : record.last();
        List<JobState> queued = last == null ? List.of() : slurm.queue(last.arrayJob() == 0
                ? List.of(last.mergeJob()) : List.of(last.arrayJob(), last.mergeJob()));
        if (!queued.isEmpty()) {
            if (wait) {
                return follow(record);
            }
            throw new IllegalStateException("jobs " + last.arrayJob() + " and " + last.mergeJob() + " of " + dir
                    + " are still queued; follow them with exp:submit --resume " + dir + " --wait, or scancel them "
                    + "first");
        }
        Map<Integer, ShardStatus> status = shardStatus(s);
        List<Integer> redo = status.entrySet().stream().filter(e -> e.getValue() != ShardStatus.DONE)
                .map(Map.Entry::getKey).toList();
        Optional<String> merged = mergedRun(s);
        if (redo.isEmpty() && merged.isPresent()) {
            return "nothing to resubmit: every shard of " + dir + " is complete and merged\n" + merged.get();
        }
        progress.accept(redo.isEmpty() ? "every shard is complete; resubmitting the merge"
                : "resubmitting shard" + (redo.size() == 1 ? " " : "s ") + String.join(", ", redo.stream()
                .map(i -> i + " (" + status.get(i).name().toLowerCase() + ")").toList()) + " of " + s.shards());
        return submitRound(record, redo, wait);
    }

    private String submitRound(SubmitRecord record, List<Integer> shards, boolean wait) throws IOException {
        Submission s = record.submission();
        long array = 0;
        List<String> mergeOptions = new ArrayList<>();
        if (!shards.isEmpty()) {
            array = slurm.submit(s.arrayScript(), List.of("--array=" + arrayList(shards)));
            mergeOptions.add("--dependency=afterok:" + array);
        }
        long merge = slurm.submit(s.mergeScript(), mergeOptions);
        SubmitRecord now = record.with(new SubmitRecord.Round(array, merge, shards));
        now.write();
        String jobs = (array == 0 ? "" : "job array " + array + " (shards " + arrayList(shards) + " of " + s.shards()
                + "), ") + "merge job " + merge + (array == 0 ? "" : " after it");
        progress.accept("submitted " + jobs + "; logs in " + s.dir().resolve("logs"));
        if (!wait) {
            return "submitted " + jobs + "\nfollow: squeue -j " + (array == 0 ? "" : array + ",") + merge
                    + "\nthe merged run goes to " + s.results().resolve(s.experiment()) + "; if shards fail: "
                    + "exp:submit --resume " + s.dir();
        }
        return follow(now);
    }

    /** {@code 1-4} for every shard, {@code 2,4} for some. */
    static String arrayList(List<Integer> shards) {
        boolean range = shards.get(shards.size() - 1) - shards.get(0) == shards.size() - 1;
        return range && shards.size() > 1 ? shards.get(0) + "-" + shards.get(shards.size() - 1)
                : String.join(",", shards.stream().map(String::valueOf).toList());
    }

    /**
     * Follows the last round's jobs: a progress line whenever the counts change; then the merged run's folder and
     * digest, or the failed shards with their logs' last lines.
     */
    String follow(SubmitRecord record) throws IOException {
        Submission s = record.submission();
        SubmitRecord.Round round = record.last();
        long started = System.nanoTime();
        String last = "";
        try (Interruptible scope = Interruptible.enter()) {
            while (true) {
                List<Long> ids = round.arrayJob() == 0 ? List.of(round.mergeJob())
                        : List.of(round.arrayJob(), round.mergeJob());
                List<JobState> queued = slurm.queue(ids);
                Progress p = progress(s, round, queued);
                String line = p.line();
                if (!line.equals(last)) {
                    progress.accept("[" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s] " + line);
                    last = line;
                }
                if (!p.failed().isEmpty() && p.active() == 0) {
                    if (p.merge() != null) {
                        slurm.cancel(round.mergeJob());
                    }
                    throw new IllegalStateException(failures(s, round, p.failed()));
                }
                if (p.merge() == null) {
                    Optional<String> merged = mergedRun(s);
                    if (merged.isEmpty()) {
                        throw new IllegalStateException("the merge job " + round.mergeJob() + " ended without a "
                                + "merged run" + endedAs(round.mergeJob(), 0) + "; last lines of " + s.mergeLog()
                                + ":\n" + tail(s.mergeLog()));
                    }
                    return "merged run of " + s.experiment() + " (" + s.shards() + " shards, submission " + s.dir()
                            + "):\n" + merged.get();
                }
                if (p.merge().reason().startsWith("DependencyNeverSatisfied")) {
                    slurm.cancel(round.mergeJob());
                    throw new IllegalStateException("the merge job " + round.mergeJob() + " can never run (a shard "
                            + "failed); cancelled it. " + failures(s, round, p.failed()));
                }
                if (Interruptible.stopping()) {
                    throw new CommandInterrupted("stopped following; the jobs go on (squeue -j "
                            + String.join(",", ids.stream().map(String::valueOf).toList()) + "); follow them again: "
                            + "exp:submit --resume " + s.dir() + " --wait");
                }
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CommandInterrupted("stopped following; the jobs go on: exp:submit --resume " + s.dir()
                            + " --wait");
                }
            }
        }
    }

    /** One look at the queue: shards by state, the merge job if queued. */
    record Progress(int done, int running, int pending, List<Integer> failed, JobState merge, int shards) {

        int active() {
            return running + pending;
        }

        String line() {
            return "shards of " + shards + ": " + done + " done, " + running + " running, " + pending + " pending, "
                    + failed.size() + " failed; merge: " + (merge == null ? "ended" : merge.state().toLowerCase()
                    + (merge.reason().isEmpty() || merge.reason().equals("None") ? "" : " (" + merge.reason() + ")"));
        }
    }

    Progress progress(Submission s, SubmitRecord.Round round, List<JobState> queued) {
        Map<Integer, JobState> tasks = new HashMap<>();
        boolean unsplit = false;
        JobState merge = null;
        for (JobState j : queued) {
            if (j.job() == round.mergeJob()) {
                merge = j;
            } else if (j.job() == round.arrayJob() && j.task() > 0) {
                tasks.put(j.task(), j);
            } else if (j.job() == round.arrayJob()) {
                unsplit = true; // the array's pending tasks, not yet split by the controller
            }
        }
        Map<Integer, ShardStatus> status = null;
        int done = 0;
        int running = 0;
        int pending = 0;
        List<Integer> failed = new ArrayList<>();
        for (int i : round.shards()) {
            JobState t = tasks.get(i);
            if (t != null) {
                if (t.state().equals("RUNNING") || t.state().equals("COMPLETING")) {
                    running++;
                } else {
                    pending++;
                }
            } else if (unsplit) {
                pending++;
            } else {
                if (status == null) {
                    status = shardStatus(s);
                }
                if (status.get(i) == ShardStatus.DONE) {
                    done++;
                } else {
                    failed.add(i);
                }
            }
        }
        return new Progress(done, running, pending, failed, merge, round.shards().size());
    }

    /** Each failed shard: its Slurm state and its log's last lines; then how to resubmit them. */
    private String failures(Submission s, SubmitRecord.Round round, List<Integer> failed) throws IOException {
        Map<Integer, ShardStatus> status = shardStatus(s);
        StringBuilder b = new StringBuilder(failed.size() + " of " + round.shards().size() + " shards failed:");
        for (int i : failed) {
            b.append("\nshard ").append(i).append('/').append(s.shards()).append(": ")
                    .append(status.get(i) == ShardStatus.INCOMPLETE ? "incomplete (its run did not finish)"
                            : "no shard folder").append(endedAs(round.arrayJob(), i)).append("; last lines of ")
                    .append(s.shardLog(i)).append(":\n").append(tail(s.shardLog(i)));
        }
        b.append("\nresubmit the failed shards and the merge: exp:submit --resume ").append(s.dir()).append(" --wait");
        return b.toString();
    }

    /** {@code ; Slurm: FAILED, exit 1:0}, or nothing when Slurm no longer knows the job. */
    private String endedAs(long job, int task) {
        return slurm.ended(job).stream().filter(j -> j.task() == task).findFirst()
                .map(j -> "; Slurm: " + j.describe()).orElse("");
    }

    static String tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "  (no log: the task did not start)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()).stream()
                .map(l -> "  " + l).toList());
    }

    /** The merged run's folder and digest, as the merge job's log printed them; empty if it printed none. */
    static Optional<String> mergedRun(Submission s) throws IOException {
        if (!Files.isRegularFile(s.mergeLog())) {
            return Optional.empty();
        }
        String log = Files.readString(s.mergeLog());
        Matcher digest = DIGEST.matcher(log);
        Matcher folder = MERGED.matcher(log);
        if (!digest.find() || !folder.find()) {
            return Optional.empty();
        }
        return Optional.of("run: " + folder.group(1) + "\ndigest: " + digest.group(1));
    }

    /** Every shard 1..N of the submission: done, incomplete or missing, from the shard folders. */
    public static Map<Integer, ShardStatus> shardStatus(Submission s) {
        Map<Integer, ShardStatus> out = new TreeMap<>();
        for (int i = 1; i <= s.shards(); i++) {
            out.put(i, ShardStatus.MISSING);
        }
        if (!Files.isDirectory(s.shardsDir())) {
            return out;
        }
        String suffix = "-of-" + s.shards();
        Pattern name = Pattern.compile("[0-9a-f]{12}-(\\d+)" + Pattern.quote(suffix));
        try (Stream<Path> dirs = Files.list(s.shardsDir())) {
            for (Path d : dirs.toList()) {
                Matcher m = name.matcher(d.getFileName().toString());
                if (!m.matches() || !out.containsKey(Integer.parseInt(m.group(1)))) {
                    continue;
                }
                int i = Integer.parseInt(m.group(1));
                ShardStatus st;
                try {
                    st = ShardFolder.manifest(d).complete() ? ShardStatus.DONE : ShardStatus.INCOMPLETE;
                } catch (IllegalArgumentException corrupt) {
                    st = ShardStatus.INCOMPLETE;
                }
                if (out.get(i) != ShardStatus.DONE) {
                    out.put(i, st);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + s.shardsDir() + ": " + e.getMessage());
        }
        return out;
    }
}
