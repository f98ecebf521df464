package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;

/**
 * hackbench's start barrier ({@code barrier: true}, as the real tool's {@code ready}/{@code wakefd}): the parent
 * releases all 160 children from the start pipe once every group is forked, none is left waiting and every message
 * is delivered once. (That children wait until then is what makes 4 and 8 groups differ under dfly in
 * HostHackbenchTest's table; without the barrier the parent had forked 6 of 8 groups after 200 ms.)
 */
class HackbenchBarrierTest {

    @Test
    void theParentReleasesEveryChildAndEveryMessageArrivesOnce() {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("hackbench-barrier.yaml"), """
                name: hackbench-barrier
                machine: {cpus: 2}
                variants:
                  - {name: dfly, sched: dfly}
                workloads:
                  - type: hackbench
                    parameters: {groups: 8, fds: 10, loops: 5, datasize: 100, barrier: true}
                trials: 1
                warmup: 10us
                measure: 300ms
                metrics: [throughput]
                """, List.of());
        ExperimentRun run = new ExperimentRunner(impl).run(c, 1, line -> { });
        TrialResult r = run.results().getFirst();
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertEquals(80.0, r.metrics().get("wl.receivers_done"), r.metrics().toString());
        assertEquals(8 * 10 * 10 * 5.0, r.metrics().get("wl.messages"), r.metrics().toString());
    }
}
