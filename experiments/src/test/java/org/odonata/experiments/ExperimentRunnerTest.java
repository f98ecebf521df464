package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Sysctl;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.Catalog;
import org.odonata.experiments.spec.MachineConfig;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.workload.Param;

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

    @Test
    void aCpuTakenOfflineDuringTheWarmupIsIdleThroughTheMeasuredWindow() {
        String spec = """
                name: offline-test
                machine: {preset: smp-4}
                variants:
                  - {name: dfly, sched: dfly}
                  - {name: bsd4, sched: bsd4}
                workloads:
                  - {type: tokenscale, parameters: {copies: 4}}
                trials: 1
                warmup: 2ms
                measure: 8ms
                """;
        ExperimentRun online = new ExperimentRunner(impl).run(config(spec), 1, line -> { });
        ExperimentRun offline = new ExperimentRunner(impl).run(config(spec
                + "events:\n  - {at: 1ms, cpu-offline: 3}\n"), 1, line -> { });
        for (int i = 0; i < 2; i++) {
            TrialResult with = offline.results().get(i);
            TrialResult without = online.results().get(i);
            assertTrue(with.ok(), with.trial().label() + ": " + with.failure());
            String label = with.trial().label();
            assertTrue(without.metrics().get("cpu3.util") > 0.9, label + " keeps cpu3 busy: " + without.metrics());
            assertTrue(with.metrics().get("cpu3.util") < 0.01, label + " with cpu3 offline: " + with.metrics());
            for (int cpu = 0; cpu < 3; cpu++) {
                assertTrue(with.metrics().get("cpu" + cpu + ".util") > 0.9, label + ": " + with.metrics());
            }
        }
    }

    @Test
    void aCpuStallTakesItsLengthOutOfTheMeasuredWindowUnseenByTheKernel() {
        String spec = """
                name: stall-test
                machine: {preset: uniprocessor}
                variants: [{name: dfly, sched: dfly}]
                workloads: [{type: tokenscale, parameters: {copies: 1}}]
                trials: 1
                warmup: 2ms
                measure: 8ms
                """;
        TrialResult steady = new ExperimentRunner(impl).run(config(spec), 1, line -> { }).results().get(0);
        TrialResult stalled = new ExperimentRunner(impl).run(config(spec
                + "events:\n  - {at: 4ms, fault: {kind: cpu-stall, cpu: 0, for: 2ms}}\n"), 1, line -> { })
                .results().get(0);
        assertTrue(stalled.ok(), String.valueOf(stalled.failure()));
        double ratio = stalled.metrics().get("throughput") / steady.metrics().get("throughput");
        assertTrue(ratio > 0.72 && ratio < 0.78, "a 2 ms stall in an 8 ms window leaves about 3/4: " + ratio);
        assertTrue(stalled.metrics().get("cpu0.util") > 0.99, "stolen time looks busy: " + stalled.metrics());
    }

    @Test
    void aCpuTheSpecReaderCouldNotCheckFailsTheTrialNamingTheEvent() {
        Catalog blind = new Catalog() {
            @Override
            public List<String> presets() {
                return impl.presets();
            }

            @Override
            public Set<String> schedulers() {
                return impl.schedulers();
            }

            @Override
            public Set<String> tokens() {
                return impl.tokens();
            }

            @Override
            public Set<String> workloadTypes() {
                return impl.workloadTypes();
            }

            @Override
            public List<Sysctl> sysctls() {
                return impl.sysctls();
            }

            @Override
            public Optional<List<Param>> parameters(String type) {
                return impl.parameters(type);
            }

            @Override
            public OptionalInt cpuCount(MachineConfig machine) {
                return OptionalInt.empty();
            }
        };
        ResolvedConfig c = new SpecReader(blind).read(Path.of("runner-test.yaml"), SPEC.replace("trials: 2",
                "trials: 1") + "events:\n  - {at: 3ms, cpu-offline: 4}\n", List.of());
        ExperimentRun run = new ExperimentRunner(impl).run(c, 1, line -> { });
        assertEquals(4, run.failures());
        for (TrialResult r : run.results()) {
            assertEquals("cpu-offline at 3ms: the machine has no CPU 4 (it has 4: 0..3)",
                    r.failure());
        }
    }
}
