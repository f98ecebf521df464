package org.odonata.experiments.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job scripts: their #SBATCH directives, and — run by bash with a stand-in launcher that prints its arguments —
 * the exact arguments a shard and the merge get, quotes and spaces included.
 */
class JobScriptsTest {

    static Submission submission(Path dir, Submission.Resources r, List<String> sets) {
        return new Submission("quickstart", 4, dir.resolve("dist/odonata"), dir.resolve("sub/files/quickstart.yaml"),
                sets, dir.resolve("results"), dir.resolve("sub"), dir, r);
    }

    @Test
    void theArrayHasOneTaskPerShardAndAsksForWhatWasGiven(@TempDir Path dir) {
        String s = JobScripts.array(submission(dir, new Submission.Resources("debug", "0:30:00", 2, "4G"), List.of()));
        assertTrue(s.startsWith("#!/bin/bash\n"), s);
        assertTrue(s.contains("#SBATCH --array=1-4\n"), s);
        assertTrue(s.contains("#SBATCH --job-name=odonata-quickstart\n"), s);
        assertTrue(s.contains("#SBATCH --output=" + dir.resolve("sub/logs/shard-%a.out") + "\n"), s);
        assertTrue(s.contains("#SBATCH --chdir=" + dir + "\n"), s);
        assertTrue(s.contains("#SBATCH --open-mode=append\n"), s);
        assertTrue(s.contains("#SBATCH --partition=debug\n#SBATCH --time=0:30:00\n#SBATCH --cpus-per-task=2\n"
                + "#SBATCH --mem=4G\n"), s);
        String none = JobScripts.array(submission(dir, new Submission.Resources(null, null, 0, null), List.of()));
        assertFalse(none.contains("--partition") || none.contains("--time") || none.contains("--cpus-per-task")
                || none.contains("--mem"), none);
    }

    @Test
    void aShardRunsTheStagedLauncherOnItsShardWithTheOverridesIntact(@TempDir Path dir) throws Exception {
        Submission s = submission(dir, new Submission.Resources(null, null, 0, null),
                List.of("trials=40", "variants[0].name=it's a test", "seed=$HOME"));
        List<String> args = runWithStandIn(s, JobScripts.array(s), Map.of("SLURM_ARRAY_TASK_ID", "3"));
        assertEquals(List.of("run", dir.resolve("sub/files/quickstart.yaml").toString(), "--set", "trials=40", "--set",
                "variants[0].name=it's a test", "--set", "seed=$HOME", "--results", dir.resolve("sub").toString(),
                "--threads", "1", "--shard", "3/4"), args);
        List<String> withCpus = runWithStandIn(s, JobScripts.array(s), Map.of("SLURM_ARRAY_TASK_ID", "1",
                "SLURM_CPUS_PER_TASK", "2"));
        assertEquals(List.of("--threads", "2", "--shard", "1/4"), withCpus.subList(withCpus.size() - 4,
                withCpus.size()));
    }

    @Test
    void theMergeMergesThisSubmissionsShardsIntoTheResults(@TempDir Path dir) throws Exception {
        Submission s = submission(dir, new Submission.Resources(null, null, 0, null), List.of());
        String script = JobScripts.merge(s);
        assertTrue(script.contains("#SBATCH --output=" + dir.resolve("sub/logs/merge.out") + "\n"), script);
        assertFalse(script.contains("--array"), script);
        List<String> args = runWithStandIn(s, script, Map.of());
        assertEquals(List.of("-c", "exp:merge '" + dir.resolve("sub/quickstart/shards/*-of-4") + "' --results '"
                + dir.resolve("results") + "'"), args);
    }

    @Test
    void valuesThatWouldBreakAScriptAreRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobScripts.checkDirectiveValue("--partition", "a b"));
        assertEquals("--partition 'a b': a Slurm value without spaces or line breaks", e.getMessage());
        Submission s = new Submission("q", 2, dir.resolve("odonata"), dir.resolve("q.yaml"), List.of(),
                dir.resolve("it's"), dir.resolve("sub"), dir, new Submission.Resources(null, null, 0, null));
        e = assertThrows(IllegalArgumentException.class, () -> JobScripts.merge(s));
        assertTrue(e.getMessage().contains("holds a quote or a line break"), e.getMessage());
    }

    /** Runs a script with bash, its launcher replaced by one printing each argument on a line. */
    private static List<String> runWithStandIn(Submission s, String script, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(s.launcher().getParent());
        Files.writeString(s.launcher(), "printf '%s\\n' \"$@\"\n");
        Path file = Files.writeString(s.dir().getParent().resolve("job-" + System.nanoTime() + ".sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }
}
