package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.spec.SpecException;
import org.odonata.experiments.spec.SpecReader;

/** The VM in specs: vm: in variants, machine.mem and swap, memtrace files, workloads.*.key, and runs of them. */
class VmSpecTest {

    private final Implementations impl = RealImplementations.all();
    private final SpecReader reader = new SpecReader(impl);

    private ResolvedConfig read(String text, String... sets) {
        return reader.read(Path.of("specs/vm-test.yaml"), text, List.of(sets));
    }

    private static final String SPEC = """
            name: vm
            machine: {preset: smp-4, mem: 256M, swap: 64M}
            variants:
              - {name: lru, vm: lru}
              - {name: opt, vm: opt}
            workloads:
              - {type: memtrace, name: awk, file: traces/awk.lackey.gz, parameters: {mem: 16}}
              - {type: memtrace, name: sort, file: traces/sort.lackey.gz, parameters: {mem: 16}}
            trials: 1
            warmup: 0ns
            measure: 1s
            sweep:
              workloads.*.mem: [8, 32]
            """;

    @Test
    void aVariantNamesItsPageoutPolicyAndTheMachineItsMemoryAndSwap() {
        ResolvedConfig c = read(SPEC);
        assertEquals(2, c.points().size());
        Spec p = c.points().get(1);
        assertEquals("opt", p.variants().get(1).vm());
        assertEquals(256L << 20, p.variants().get(0).machine().mem());
        assertEquals(64L << 20, p.variants().get(0).machine().swap());
        assertEquals("32", p.variants().get(0).workloads().get(1).parameters().get("mem"),
                "workloads.* reaches every workload");
    }

    @Test
    void unknownPoliciesMissingTracesAndBadSizesAreReportedBeforeAnythingRuns() {
        SpecException e = assertThrows(SpecException.class, () -> read(SPEC.replace("vm: opt", "vm: belady")
                .replace("traces/sort", "traces/none").replace("swap: 64M", "swap: lots")));
        String m = e.getMessage();
        assertTrue(m.contains("variants[1].vm: no pageout policy 'belady'; available: clock, dfly, fifo, lru, opt"),
                m);
        assertTrue(m.contains("no such trace file"), m);
        assertTrue(m.contains("machine.swap: bad size 'lots'"), m);
    }

    @Test
    void lruAndOptRunTheReplaysAndOptNeverFaultsMore() {
        ExperimentRun run = new ExperimentRunner(impl).run(read(SPEC, "workloads=[{type: memtrace, name: awk, "
                + "file: traces/awk.lackey.gz, parameters: {mem: 16}}]"), 1, line -> { });
        List<TrialResult> results = run.results();
        assertEquals(4, results.size(), "2 points x 2 variants x 1 workload");
        for (TrialResult r : results) {
            assertTrue(r.failure() == null, r.failure());
            assertEquals(291_670.0, r.metrics().get("wl.references"), "the whole trace in the window");
        }
        double lru8 = results.get(0).metrics().get("wl.faults");
        double opt8 = results.get(1).metrics().get("wl.faults");
        double lru32 = results.get(2).metrics().get("wl.faults");
        assertTrue(opt8 < lru8 && lru32 < lru8, "opt beats lru, more memory fewer faults: " + results);
    }
}
