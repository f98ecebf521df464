package org.odonata.experiments.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.repo.InstalledBundle;
import org.odonata.experiments.RealImplementations;
import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.Trial;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.Summary;

/**
 * A run split into N shards and merged is the run made in one piece: the same digest and the same trials.csv, for
 * N = 1, a few, the trial count and more than the trial count; shards that do not belong together, a missing or
 * doubled shard, an unfinished one and a corrupt one are refused with the reason.
 */
class ShardMergeTest {

    private static final String SPEC = """
            name: shard-test
            variants:
              - {name: dfly, sched: dfly}
              - {name: bsd4, sched: bsd4}
            workloads:
              - type: tokenscale
                parameters: {copies: 4, token: shared}
            sweep:
              machine.cpus: [2, 8]
            trials: 3
            warmup: 1ms
            measure: 2ms
            """;
    private static final List<String> SETS = List.of("trace={trial: 2, variant: bsd4}");
    private static final RunEnvironment HERE = new RunEnvironment(List.of(new InstalledBundle(7, "org.example.sched",
            "1.0.0", "ab12", "file:/a/sched.jar", "passed")), "test host", "test jdk");

    private static Implementations impl;
    private static ResolvedConfig config;
    private static ExperimentRun local;
    private static String localCsv;

    @BeforeAll
    static void runLocally(@TempDir Path dir) throws IOException {
        impl = RealImplementations.all();
        config = new SpecReader(impl).read(Path.of("shard.yaml"), SPEC, SETS);
        local = new ExperimentRunner(impl).run(config, 2, line -> { });
        localCsv = Files.readString(ReportWriter.write(dir, local, Summary.of(local), HERE).resolve("trials.csv"));
    }

    /** Runs every shard of N into {@code root}, as N nodes would; returns their folders. */
    private static List<Path> shards(Path root, int n, RunEnvironment env) throws IOException {
        List<Path> dirs = new ArrayList<>();
        List<Trial> plan = ExperimentRunner.plan(config);
        for (int i = 1; i <= n; i++) {
            dirs.add(shard(root, new Shard(i, n), plan, env, true));
        }
        return dirs;
    }

    private static Path shard(Path root, Shard s, List<Trial> plan, RunEnvironment env, boolean finish)
            throws IOException {
        List<Trial> mine = ShardPlan.select(plan, s, impl);
        ShardFolder.Manifest m = ShardFolder.Manifest.starting(config.name(), "shard.yaml", SPEC, config.sets(), s,
                mine.stream().map(Trial::order).toList(), env, 1);
        Path dir = ShardFolder.start(ShardFolder.folder(root, config.name(), m.fingerprint(), s), m);
        if (finish) {
            ExperimentRun run = new ExperimentRunner(impl).run(config, 1, line -> { }, mine);
            ShardFolder.finish(dir, m.took(run.hostSeconds()), run.results());
        }
        return dir;
    }

    @Test
    void mergedShardsHaveTheLocalRunsDigestAndTrialsForOneAFewAndMoreShardsThanTrials(@TempDir Path root)
            throws IOException {
        assertEquals(12, config.trialCount());
        for (int n : new int[] {1, 3, 12, 17}) {
            List<Path> dirs = new ArrayList<>(shards(root.resolve("n" + n), n, HERE));
            Collections.shuffle(dirs, new Random(n));
            ShardMerge.Merged merged = ShardMerge.merge(dirs, impl);
            assertEquals(local.digest(), merged.run().digest(), n + " shards");
            Path out = ReportWriter.write(root.resolve("merged" + n), merged.run(), Summary.of(merged.run()),
                    merged.environment());
            assertEquals(localCsv, Files.readString(out.resolve("trials.csv")), n + " shards");
            assertTrue(Files.isRegularFile(out.resolve(ReportWriter.TRACE_FILE)), "the traced trial's trace came along");
            assertTrue(Files.isRegularFile(out.resolve(ReportWriter.REPORT_HTML)));
            assertTrue(Files.readString(out.resolve("config.json")).contains("org.example.sched"));
        }
    }

    @Test
    void theAssignmentBalancesSimulatedCpuTimeNotCounts() {
        List<Trial> plan = ExperimentRunner.plan(config);
        long dearest = plan.stream().mapToLong(t -> ShardPlan.cost(t, impl)).max().orElseThrow();
        assertEquals(4 * plan.stream().mapToLong(t -> ShardPlan.cost(t, impl)).min().orElseThrow(), dearest,
                "a trial on 8 CPUs costs four on 2");
        for (int n : new int[] {2, 3, 5}) {
            int[] of = ShardPlan.assign(plan, n, impl);
            long[] load = new long[n];
            int[] count = new int[n];
            for (Trial t : plan) {
                load[of[t.order()] - 1] += ShardPlan.cost(t, impl);
                count[of[t.order()] - 1]++;
            }
            long max = java.util.Arrays.stream(load).max().orElseThrow();
            long min = java.util.Arrays.stream(load).min().orElseThrow();
            assertTrue(max - min <= dearest, n + " shards: loads " + java.util.Arrays.toString(load));
            if (n == 5) {
                assertTrue(java.util.Arrays.stream(count).max().orElseThrow() > java.util.Arrays.stream(count).min()
                        .orElseThrow(), "the shards with 8-CPU trials take fewer: " + java.util.Arrays.toString(count));
            }
        }
        assertEquals(List.of(), ShardPlan.select(plan, new Shard(17, 17), impl), "more shards than trials: empty ones");
    }

    @Test
    void shardsThatDoNotMakeOneRunAreRefusedWithTheReason(@TempDir Path root) throws IOException {
        List<Path> three = shards(root.resolve("a"), 3, HERE);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ShardMerge.merge(List.of(three.get(0), three.get(2)), impl));
        assertEquals("shard 2/3 missing; given: 1/3, 3/3", missing.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ShardMerge.merge(List.of(three.get(0), three.get(1), three.get(1), three.get(2)), impl));
        assertTrue(twice.getMessage().startsWith("shard 2/3 is given twice"), twice.getMessage());

        RunEnvironment other = new RunEnvironment(List.of(new InstalledBundle(7, "org.example.sched", "1.0.0", "cd34",
                "file:/b/sched.jar", "passed")), "test host", "test jdk");
        Path foreign = shard(root.resolve("b"), new Shard(2, 3), ExperimentRunner.plan(config), other, true);
        IllegalArgumentException bundles = assertThrows(IllegalArgumentException.class,
                () -> ShardMerge.merge(List.of(three.get(0), foreign, three.get(2)), impl));
        assertTrue(bundles.getMessage().endsWith("differ in bundle org.example.sched 1.0.0 sha256 ab12 vs "
                + "org.example.sched 1.0.0 sha256 cd34"), bundles.getMessage());

        Path unfinished = shard(root.resolve("c"), new Shard(2, 3), ExperimentRunner.plan(config), HERE, false);
        IllegalArgumentException incomplete = assertThrows(IllegalArgumentException.class,
                () -> ShardMerge.merge(List.of(three.get(0), unfinished, three.get(2)), impl));
        assertTrue(incomplete.getMessage().endsWith("shard 2/3 is incomplete (its run did not finish); run it again: "
                + "exp:run shard.yaml --shard 2/3"), incomplete.getMessage());

        Files.writeString(three.get(1).resolve(ShardFolder.TRIALS), "{\"order\": 1, \"label\": \"x\"\n");
        IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
                () -> ShardMerge.merge(three, impl));
        assertTrue(corrupt.getMessage().contains(ShardFolder.TRIALS + ":1 is corrupt"), corrupt.getMessage());

        String manifest = Files.readString(three.get(0).resolve(ShardFolder.MANIFEST));
        Files.writeString(three.get(0).resolve(ShardFolder.MANIFEST), manifest.replace("trace=", "trace ="));
        IllegalArgumentException edited = assertThrows(IllegalArgumentException.class,
                () -> ShardMerge.merge(three, impl));
        assertTrue(edited.getMessage().endsWith("is corrupt: its fingerprint does not match its spec, overrides and "
                + "bundles"), edited.getMessage());
        IllegalArgumentException notAShard = assertThrows(IllegalArgumentException.class,
                () -> ShardMerge.merge(List.of(root), impl));
        assertTrue(notAShard.getMessage().endsWith("is not a shard folder: it has no shard.json"),
                notAShard.getMessage());
    }
}
