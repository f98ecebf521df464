package org.odonata.experiments.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** exp:submit's arguments: what it takes, and a message naming what is wrong. */
class SubmitArgsTest {

    private static SubmitArgs parse(String... args) {
        return SubmitArgs.parse(args, Path.of("results"));
    }

    private static String refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void everyOptionIsTaken() {
        SubmitArgs a = parse("q.yaml", "--slurm", "--shards", "8", "--partition", "short", "--time", "1:00:00",
                "--cpus-per-task", "2", "--mem", "8G", "--set", "trials=40", "--set", "seed=2", "--results", "out",
                "--wait");
        assertEquals(Path.of("q.yaml"), a.spec());
        assertEquals(8, a.shards());
        assertEquals(new Submission.Resources("short", "1:00:00", 2, "8G"), a.resources());
        assertEquals(List.of("trials=40", "seed=2"), a.sets());
        assertEquals(Path.of("out"), a.results());
        assertTrue(a.follow());
        assertEquals(SubmitArgs.DEFAULT_SHARDS, parse("q.yaml", "--slurm", "--dry-run").shards());
        SubmitArgs r = parse("--resume", "results/.slurm/q-1", "--wait");
        assertEquals(Path.of("results/.slurm/q-1"), r.resume());
        assertTrue(r.follow());
    }

    @Test
    void wrongArgumentsAreNamed() {
        assertTrue(refused("q.yaml").startsWith("exp:submit needs --slurm"));
        assertTrue(refused("--slurm").startsWith("exp:submit needs a spec file"));
        assertTrue(refused("q.yaml", "--slurm", "--shards", "0").contains("--shards"));
        assertTrue(refused("q.yaml", "--slurm", "--nodes", "3").startsWith("exp:submit: unexpected '--nodes'"));
        assertTrue(refused("q.yaml", "--slurm", "--dry-run", "--wait").contains("nothing to --wait for"));
        assertTrue(refused("--resume", "d", "--shards", "3").startsWith("exp:submit --resume DIR takes only --wait"));
        assertTrue(refused("q.yaml", "--slurm", "--time").startsWith("--time needs a value"));
        assertEquals("--mem '8 G': a Slurm value without spaces or line breaks", refused("q.yaml", "--slurm", "--mem",
                "8 G"));
    }
}
