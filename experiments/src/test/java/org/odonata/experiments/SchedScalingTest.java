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
 * {@code dd->spin} of the queue it touches. A short version of specs/sched-scaling.yaml (8 and 64 CPUs): per context
 * switch, bsd4's lock cycles at 64 CPUs are several times those at 8, and several times dfly's at 64.
 */
class SchedScalingTest {

    @Test
    void bsd4sGlobalLockCostGrowsWithCpusAndDflysPerCpuLocksDoNot() {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("specs/sched-scaling.yaml"),
                List.of("trials=1", "warmup=20ms", "measure=4ms", "sweep.zip.machine.cpus=[8,64]",
                        "sweep.zip.workloads.hackbench.groups=[2,16]"));
        ExperimentRun run = new ExperimentRunner(impl).run(c, 2, line -> { });
        Map<String, Map<Long, Double>> perSwitch = new TreeMap<>();
        for (TrialResult r : run.results()) {
            assertTrue(r.ok(), String.valueOf(r.failure()));
            Map<String, Double> m = r.metrics();
            long cpus = ((Number) r.trial().point().point().get("machine.cpus")).longValue();
            perSwitch.computeIfAbsent(r.trial().variant().name(), k -> new TreeMap<>())
                    .put(cpus, m.get("sched_lock_spin_cycles") / Math.max(1, m.get("context_switches")));
        }
        System.out.println("scheduler lock cycles per context switch by CPUs: " + perSwitch);
        Map<Long, Double> bsd4 = perSwitch.get("bsd4");
        Map<Long, Double> dfly = perSwitch.get("dfly");
        assertTrue(bsd4.get(64L) > 3 * bsd4.get(8L), "bsd4's lock cost should grow with CPUs: " + perSwitch);
        assertTrue(bsd4.get(64L) > 3 * dfly.get(64L), "bsd4 should pay more than dfly at 64 CPUs: " + perSwitch);
    }
}
