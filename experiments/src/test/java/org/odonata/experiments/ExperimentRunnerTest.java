package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;

class ExperimentRunnerTest {

    private static final String SPEC = """
            name: runner-test
            machine: {preset: smp-4}
            variants:
              - {name: dfly, sched: dfly, sync: lwkt}
              - {name: fifo, sched: fifo, sync: ticket}
            workloads:
              - {type: hackbench, parameters: {groups: 1, fds: 4, loops: 0, datasize: 64}}
              - {type: tokenscale, parameters: {copies: 4}}
            trials: 2
            seed: 7
            warmup: 2ms
            measure: 8ms
            """;

    private final Implementations impl = RealImplementations.all();

    private ResolvedConfig config(String text) {
        return new SpecReader(impl).read(Path.of("runner-test.yaml"), text, List.of());
    }

    @Test
    void sameDigestOnOneAndTwoHostThreads() {
        ResolvedConfig c = config(SPEC);
        List<String> lines = new ArrayList<>();
        ExperimentRun one = new ExperimentRunner(impl).run(c, 1, lines::add);
        ExperimentRun two = new ExperimentRunner(impl).run(c, 2, lines::add);
        assertEquals(8, one.results().size());
        for (TrialResult r : one.results()) {
            assertTrue(r.ok(), r.trial().label() + ": " + r.failure());
            assertTrue(r.metrics().get("throughput") > 0, r.trial().label() + " did no work: " + r.metrics());
        }
        assertEquals(one.digest(), two.digest());
        assertFalse(lines.isEmpty(), "progress lines");
        assertTrue(lines.get(lines.size() - 1).startsWith("trials 8/8"), lines.toString());
    }

    @Test
    void aFailingTrialIsRecordedAndTheOthersComplete() {
        ResolvedConfig c = config(SPEC.replace("{type: tokenscale, parameters: {copies: 4}}",
                "{type: tokenscale, parameters: {copies: -1}}"));
        ExperimentRun run = new ExperimentRunner(impl).run(c, 2, line -> { });
        assertEquals(4, run.failures());
        run.results().stream().filter(r -> !r.ok())
                .forEach(r -> assertTrue(r.failure().contains("copies"), r.failure()));
        assertEquals(4, run.results().stream().filter(TrialResult::ok).count());
    }
}
