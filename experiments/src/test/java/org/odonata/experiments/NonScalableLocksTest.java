package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * The shape of Boyd-Wickizer et al., "Non-scalable locks are dangerous" (2012): with a short critical section
 * on a multi-socket machine, ticket-token throughput collapses as contending CPUs grow (at 24 CPUs it is below
 * 60% of its peak) while MCS stays near flat (within 20% of its peak). A short version of
 * specs/nonscalable-locks.yaml.
 */
class NonScalableLocksTest {

    @Test
    void ticketCollapsesWhileMcsStaysNearFlat() {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("specs/nonscalable-locks.yaml"),
                List.of("trials=1", "warmup=60ms", "measure=4ms"));
        ExperimentRun run = new ExperimentRunner(impl).run(c, 2, line -> { });
        Map<String, Map<Object, Double>> tp = new LinkedHashMap<>();
        for (TrialResult r : run.results()) {
            assertTrue(r.ok(), String.valueOf(r.failure()));
            tp.computeIfAbsent(r.trial().variant().name(), k -> new LinkedHashMap<>())
                    .put(r.trial().point().point().values().iterator().next(), r.metrics().get("throughput"));
        }
        System.out.println("throughput (ops/s) by contending CPUs: " + tp);
        Map<Object, Double> ticket = tp.get("ticket");
        Map<Object, Double> mcs = tp.get("mcs");
        double ticketPeak = ticket.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double mcsPeak = mcs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double ticketEnd = ticket.get(24L);
        double mcsEnd = mcs.get(24L);
        assertTrue(ticketEnd < 0.6 * ticketPeak, "ticket should collapse: " + ticket);
        assertTrue(mcsEnd > 0.8 * mcsPeak, "MCS should stay near flat: " + mcs);
        assertTrue(mcsEnd > 1.5 * ticketEnd, "MCS should beat ticket at 24 CPUs: " + tp);
    }
}
