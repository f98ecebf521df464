package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;

/**
 * Every workload draws from the trial's seed: two trials (two seeds) of the same variant measure different
 * numbers, and running the whole spec again replays every number exactly.
 */
class SeededVariationTest {

    private static final String SPEC = """
            name: variation
            machine: {preset: smp-4}
            variants: [{name: dfly, sched: dfly, sync: lwkt}]
            workloads:
              - {type: hackbench, parameters: {groups: 1, fds: 4, loops: 0, datasize: 64}}
              - {type: schbench, parameters: {messageThreads: 1, workers: 3}}
              - {type: tokenscale, parameters: {copies: 4}}
              - {type: make, parameters: {jobs: 3, compile: 300us, assemble: 50us}}
              - {type: interactive, parameters: {period: 1ms, work: 200us, background: 2}}
              - {type: openqueue, parameters: {rate: 5000, service: 300us}}
            trials: 2
            seed: 11
            warmup: 1ms
            measure: 6ms
            """;

    @Test
    void trialsWithDifferentSeedsDifferAndARerunReplaysThem() {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("variation.yaml"), SPEC, List.of());
        ExperimentRun run = new ExperimentRunner(impl).run(c, 2, line -> { });
        List<TrialResult> r = run.results();
        assertEquals(12, r.size());
        for (int w = 0; w < r.size(); w += 2) {
            TrialResult a = r.get(w);
            TrialResult b = r.get(w + 1);
            assertTrue(a.ok() && b.ok(), a.failure() + " / " + b.failure());
            assertNotEquals(a.trial().seed(), b.trial().seed());
            assertNotEquals(timing(a.metrics()), timing(b.metrics()), a.trial().label() + " replayed trial 0");
        }
        ExperimentRun again = new ExperimentRunner(impl).run(c, 1, line -> { });
        assertEquals(run.digest(), again.digest());
    }

    /** Metrics every workload's timing shows in (a count of forks or wakeups may not move). */
    private static Map<String, Double> timing(Map<String, Double> m) {
        return Map.of("throughput", m.get("throughput"), "context_switches", m.get("context_switches"),
                "cpu_util", m.get("cpu_util"));
    }
}
