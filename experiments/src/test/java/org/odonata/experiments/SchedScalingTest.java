package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;

/**
 * bsd4's global run queue costs more as CPUs grow (issue 9 §3): every CPU takes the one {@code bsd4_spin} to queue,
 * pick and reprioritise ({@code bsd4_setrunqueue}, {@code bsd4_select_curproc}, {@code bsd4_resetpriority}), so its
 * line moves between CPUs and each acquisition waits behind the others' transfers; dfly takes the per-CPU
 * {@code dd->spin} of the queue it touches. A short version of specs/sched-scaling.yaml (8 and 64 CPUs): bsd4's lock
 * cycles in the window at 64 CPUs are more than twice those at 8, and more than ten times dfly's at 64.
 */
class SchedScalingTest {

    @Test
    void bsd4sGlobalLockCostGrowsWithCpusAndDflysPerCpuLocksDoNot() {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("specs/sched-scaling.yaml"),
                List.of("trials=1", "warmup=20ms", "measure=4ms", "sweep.zip.machine.cpus=[8,64]",
                        "sweep.zip.workloads.hackbench.groups=[2,16]"));
        ExperimentRun run = new ExperimentRunner(impl).run(c, 2, line -> { });
        Map<String, Map<Long, Double>> cycles = new TreeMap<>();
        for (TrialResult r : run.results()) {
            assertTrue(r.ok(), String.valueOf(r.failure()));
            Map<String, Double> m = r.metrics();
            long cpus = ((Number) r.trial().point().point().get("machine.cpus")).longValue();
            cycles.computeIfAbsent(r.trial().variant().name(), k -> new TreeMap<>())
                    .put(cpus, m.get("sched_lock_spin_cycles"));
        }
        System.out.println("scheduler lock cycles in the window by CPUs: " + cycles);
        Map<Long, Double> bsd4 = cycles.get("bsd4");
        Map<Long, Double> dfly = cycles.get("dfly");
        assertTrue(bsd4.get(64L) > 2 * bsd4.get(8L), "bsd4's lock cost should grow with CPUs: " + cycles);
        assertTrue(bsd4.get(64L) > 10 * dfly.get(64L), "bsd4 should pay far more than dfly at 64 CPUs: " + cycles);
    }
}
