package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart submitted to a real Slurm cluster in 4 shards ({@code exp:submit --slurm --wait}) gives the digest
 * of the same run made locally. {@code .ci/run} starts a one-node cluster on the build host first
 * ({@code experiments/slurm/local-cluster up}); without {@code sbatch}, or with no controller answering, the test is
 * skipped, saying which. One trial per cell (10 trials) keeps it to a couple of minutes; both runs use the same
 * overrides.
 */
class SlurmClusterTest {

    private static final Pattern DIGEST = Pattern.compile("(?m)^digest: ([0-9a-f]{64})$");

    @Test
    void theQuickstartIn4ShardsOnSlurmHasTheLocalRunsDigest(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("sbatch"), "skipped: sbatch is not installed; start a one-node cluster with "
                + "experiments/slurm/local-cluster up (root; installs slurm-wlm and munge) to run this test");
        Assumptions.assumeTrue(controllerAnswers(), "skipped: sbatch is installed but no Slurm controller answers "
                + "sinfo; start one with experiments/slurm/local-cluster up");
        Path spec = Distribution.root().resolve("experiments/specs/quickstart.yaml");
        String local;
        try (Launcher l = Launcher.start(dir, Map.of(), "run", spec.toString(), "--set", "trials=1", "--results",
                dir.resolve("local").toString())) {
            assertEquals(0, l.exited(600), l.err());
            local = digest(l.out());
        }
        try (Launcher l = Launcher.start(dir, Map.of(), "-c", "exp:submit '" + spec + "' --slurm --shards 4 --set "
                + "trials=1 --results '" + dir.resolve("cluster") + "' --wait")) {
            assertEquals(0, l.exited(900), l.out() + l.err());
            String out = l.out();
            assertTrue(out.contains("submitted job array "), out);
            assertTrue(out.contains("shards of 4: 4 done, 0 running, 0 pending, 0 failed"), out);
            assertEquals(local, digest(out), out);
            Matcher run = Pattern.compile("(?m)^run: (.+)$").matcher(out);
            assertTrue(run.find(), out);
            assertTrue(Files.isRegularFile(Path.of(run.group(1), "trials.csv")), out);
            assertTrue(run.group(1).startsWith(dir.resolve("cluster/quickstart").toString()), out);
        }
    }

    private static String digest(String out) {
        Matcher m = DIGEST.matcher(out);
        assertTrue(m.find(), "no digest in:\n" + out);
        return m.group(1);
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean controllerAnswers() throws Exception {
        Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0 && out.lines().anyMatch(s -> s.startsWith("idle") || s.startsWith("mix")
                || s.startsWith("alloc"));
    }
}
