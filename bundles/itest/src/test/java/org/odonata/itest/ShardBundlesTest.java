package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec that loads a bundle runs in shards and merges in a JVM of its own, as exp:submit's merge job does: exp:merge
 * loads the spec's bundles from the spec the shards ran before it re-reads the spec.
 */
class ShardBundlesTest {

    @Test
    void aMergeInAFreshJvmLoadsTheSpecsBundles(@TempDir Path dir) throws Exception {
        Files.copy(BundleRepositoryTest.fifoJar(), dir.resolve("my-fifo.jar"));
        Path spec = Files.writeString(dir.resolve("loaded.yaml"), """
                name: loaded
                bundles: [my-fifo.jar]
                variants:
                  - {name: dfly, sched: dfly}
                  - {name: mine, sched: fifo}
                workloads:
                  - {type: cpuhog, args: ["4"]}
                trials: 1
                warmup: 2ms
                measure: 5ms
                """);
        Path results = dir.resolve("results");
        Distribution.Outcome shard = Distribution.batch("uninstall org.odonata.sched.fifo; exp:run " + spec
                + " --results " + results + " --shard 1/1");
        assertEquals(0, shard.status(), shard.err());
        Distribution.Outcome merge = Distribution.batch("uninstall org.odonata.sched.fifo; exp:merge '" + results
                + "/loaded/shards/*-of-1' --results " + results);
        assertEquals(0, merge.status(), merge.err());
        assertTrue(merge.out().contains("bundle org.odonata.sched.fifo "), merge.out());
        assertTrue(merge.out().contains("merged 1 shards, 2 trials: "), merge.out());
    }
}
