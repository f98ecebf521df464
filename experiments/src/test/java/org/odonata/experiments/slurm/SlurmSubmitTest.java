package org.odonata.experiments.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.shard.Shard;
import org.odonata.experiments.shard.ShardFolder;

/**
 * Submitting, following and resuming against a stand-in for Slurm's commands that answers with outputs recorded on
 * the local cluster (job 5, a 4-task array whose task 3 failed, and job 6, the merge after it): the shards' fate is
 * read from their folders, a failed shard is reported with Slurm's word and its log, the merge that can never run is
 * cancelled, and --resume resubmits only what is missing.
 */
class SlurmSubmitTest {

    /** Slurm's commands, answered from a script of outputs; every command line is kept. */
    static final class StandIn extends SlurmClient {
        final List<List<String>> ran = new ArrayList<>();
        final Deque<String> squeue = new ArrayDeque<>();
        final Deque<Long> jobIds = new ArrayDeque<>();
        String scontrol = "";
        boolean present = true;

        StandIn() {
            super("");
        }

        @Override
        public boolean installed(String program) {
            return present;
        }

        @Override
        Output run(List<String> cmd) {
            ran.add(cmd);
            return switch (cmd.get(0)) {
                case "sbatch" -> new Output(0, jobIds.removeFirst() + "\n", "");
                case "squeue" -> new Output(0, squeue.size() > 1 ? squeue.removeFirst() : squeue.getFirst(), "");
                case "scontrol" -> new Output(0, scontrol, "");
                case "scancel" -> new Output(0, "", "");
                default -> new Output(1, "", cmd.get(0) + ": not in this test");
            };
        }

        List<List<String>> ran(String program) {
            return ran.stream().filter(c -> c.get(0).equals(program)).toList();
        }
    }

    private final List<String> progress = new ArrayList<>();

    private SubmitRecord record(Path dir) throws IOException {
        Submission s = new Submission("quickstart", 4, dir.resolve("dist/odonata"), dir.resolve("sub/files/q.yaml"),
                List.of("trials=1"), dir.resolve("results"), dir.resolve("sub"), dir,
                new Submission.Resources(null, null, 0, null));
        SlurmSubmit.writeScripts(s);
        return new SubmitRecord(s, new Staging.Distribution(s.launcher(), "aa", "bb"), Map.of("sub/q.yaml", "cc"),
                List.of());
    }

    /** A shard folder as exp:run --shard leaves it: complete, or started and never finished (its node died). */
    private static void shard(Submission s, int index, boolean complete) throws IOException {
        ShardFolder.Manifest m = ShardFolder.Manifest.starting(s.experiment(), "q.yaml", "name: quickstart\n",
                s.sets(), new Shard(index, s.shards()), List.of(), new RunEnvironment(List.of(), "node", "jdk"), 1);
        Path folder = ShardFolder.start(ShardFolder.folder(s.dir(), s.experiment(), m.fingerprint(), m.shard()), m);
        if (complete) {
            ShardFolder.finish(folder, m, List.of());
        }
    }

    @Test
    void theArrayIsSubmittedThenTheMergeAfterIt(@TempDir Path dir) throws Exception {
        StandIn slurm = new StandIn();
        slurm.jobIds.addAll(List.of(5L, 6L));
        SubmitRecord r = record(dir);
        String out = new SlurmSubmit(slurm, progress::add, 0).submit(r, false);
        assertEquals(List.of(List.of("sbatch", "--parsable", "--array=1-4", r.submission().arrayScript().toString()),
                List.of("sbatch", "--parsable", "--dependency=afterok:5", r.submission().mergeScript().toString())),
                slurm.ran("sbatch"));
        assertTrue(out.startsWith("submitted job array 5 (shards 1-4 of 4), merge job 6 after it\n"
                + "follow: squeue -j 5,6"), out);
        SubmitRecord read = SubmitRecord.read(r.submission().dir());
        assertEquals(List.of(new SubmitRecord.Round(5, 6, List.of(1, 2, 3, 4))), read.rounds());
        assertEquals(r.submission(), read.submission());
        assertEquals(Map.of("sub/q.yaml", "cc"), read.files());
    }

    @Test
    void aShardWhoseTaskFailedIsReportedWithSlurmsWordAndItsLogAndTheMergeIsCancelled(@TempDir Path dir)
            throws Exception {
        StandIn slurm = new StandIn();
        slurm.jobIds.addAll(List.of(5L, 6L));
        slurm.squeue.add(JobStateTest.recorded("squeue-array-running.txt"));
        slurm.squeue.add(JobStateTest.recorded("squeue-merge-never.txt"));
        slurm.scontrol = JobStateTest.recorded("scontrol-array-failed.txt");
        SubmitRecord r = record(dir);
        Submission s = r.submission();
        shard(s, 1, true);
        shard(s, 2, true);
        shard(s, 3, false);
        shard(s, 4, true);
        Files.writeString(s.shardLog(3), "experiment quickstart, shard 3/4: 3 of 10 trials\nKilled\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SlurmSubmit(slurm, progress::add, 0).submit(r, true));
        assertEquals("1 of 4 shards failed:\nshard 3/4: incomplete (its run did not finish); Slurm: FAILED, exit 1:0, "
                + "NonZeroExitCode; last lines of " + s.shardLog(3) + ":\n  experiment quickstart, shard 3/4: 3 of 10 "
                + "trials\n  Killed\nresubmit the failed shards and the merge: exp:submit --resume " + s.dir()
                + " --wait", e.getMessage());
        assertEquals(List.of(List.of("scancel", "6")), slurm.ran("scancel"));
        assertTrue(progress.stream().anyMatch(l -> l.endsWith("shards of 4: 0 done, 2 running, 2 pending, 0 failed; "
                + "merge: pending (Dependency)")), progress.toString());
        assertTrue(progress.stream().anyMatch(l -> l.endsWith("shards of 4: 3 done, 0 running, 0 pending, 1 failed; "
                + "merge: pending (DependencyNeverSatisfied)")), progress.toString());

        // --resume: only shard 3, and a merge after it
        slurm.jobIds.addAll(List.of(12L, 13L));
        slurm.squeue.clear();
        slurm.squeue.add("");
        String out = new SlurmSubmit(slurm, progress::add, 0).resume(s.dir(), false);
        List<List<String>> sbatch = slurm.ran("sbatch");
        assertEquals(List.of("sbatch", "--parsable", "--array=3", s.arrayScript().toString()), sbatch.get(2));
        assertEquals(List.of("sbatch", "--parsable", "--dependency=afterok:12", s.mergeScript().toString()),
                sbatch.get(3));
        assertTrue(out.startsWith("submitted job array 12 (shards 3 of 4), merge job 13 after it"), out);
        assertTrue(progress.contains("resubmitting shard 3 (incomplete) of 4"), progress.toString());
        assertEquals(List.of(3), SubmitRecord.read(s.dir()).last().shards());
    }

    @Test
    void whenTheMergeEndsItsRunAndDigestArePrinted(@TempDir Path dir) throws Exception {
        StandIn slurm = new StandIn();
        slurm.jobIds.addAll(List.of(5L, 6L));
        slurm.squeue.add("");
        SubmitRecord r = record(dir);
        Submission s = r.submission();
        for (int i = 1; i <= 4; i++) {
            shard(s, i, true);
        }
        String digest = "d064973052e7a033cf90afb2bbc61ad233ecfdf7c5060797dd9af772753304fb";
        Files.writeString(s.mergeLog(), "merged 4 shards, 10 trials: /r/quickstart/d064973052e7/report.md\ndigest: "
                + digest + "\n");
        String out = new SlurmSubmit(slurm, progress::add, 0).submit(r, true);
        assertTrue(out.endsWith("run: /r/quickstart/d064973052e7\ndigest: " + digest), out);

        // everything done and merged: --resume has nothing to do
        String again = new SlurmSubmit(slurm, progress::add, 0).resume(s.dir(), false);
        assertTrue(again.startsWith("nothing to resubmit: every shard of " + s.dir() + " is complete and merged"),
                again);
    }

    @Test
    void aMergeThatEndsWithoutARunShowsItsLog(@TempDir Path dir) throws Exception {
        StandIn slurm = new StandIn();
        slurm.jobIds.addAll(List.of(5L, 6L));
        slurm.squeue.add("");
        SubmitRecord r = record(dir);
        for (int i = 1; i <= 4; i++) {
            shard(r.submission(), i, true);
        }
        Files.writeString(r.submission().mergeLog(), "-c:1: exp:merge ...\nnot shards of one run: a and b differ in "
                + "the spec's text\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SlurmSubmit(slurm, progress::add, 0).submit(r, true));
        assertTrue(e.getMessage().startsWith("the merge job 6 ended without a merged run; last lines of "), e.getMessage());
        assertTrue(e.getMessage().endsWith("  not shards of one run: a and b differ in the spec's text"),
                e.getMessage());
    }

    @Test
    void aDryRunsFolderIsSubmittedByResume(@TempDir Path dir) throws Exception {
        StandIn slurm = new StandIn();
        slurm.jobIds.addAll(List.of(7L, 8L));
        SubmitRecord r = record(dir);
        r.write();
        shard(r.submission(), 2, true);
        String out = new SlurmSubmit(slurm, progress::add, 0).resume(r.submission().dir(), false);
        assertTrue(out.startsWith("submitted job array 7 (shards 1,3,4 of 4), merge job 8 after it"), out);
        assertTrue(slurm.ran("squeue").isEmpty(), "no job to ask about: " + slurm.ran);
    }

    @Test
    void withoutSlurmsCommandsOneLineSaysWhatToInstall() {
        StandIn slurm = new StandIn();
        slurm.present = false;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> slurm.require("sbatch", "squeue"));
        assertEquals("sbatch not found on the PATH: exp:submit --slurm needs Slurm's client commands (sbatch, squeue, "
                + "scontrol, scancel); install them (Debian/Ubuntu: apt-get install slurm-client) or load your "
                + "cluster's Slurm module, or use --dry-run to only write the scripts", e.getMessage());
        assertTrue(new SlurmClient("/nonexistent").installed("bash") == false);
        assertTrue(new SlurmClient("/usr/bin:/bin").installed("bash"));
    }

    @Test
    void arrayListsAreRangesOrLists() {
        assertEquals("1-4", SlurmSubmit.arrayList(List.of(1, 2, 3, 4)));
        assertEquals("2,4", SlurmSubmit.arrayList(List.of(2, 4)));
        assertEquals("3", SlurmSubmit.arrayList(List.of(3)));
    }
}
