package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The {@code mirror-stream} workload: a writer on a HAMMER master mirror-streamed to a slave on a peer machine over a
 * simulated link, the two machines on one engine; its {@code lat.lag} is each master flush's replication lag.
 */
class MirrorStreamSpecTest {

    private final Implementations impl = RealImplementations.all();
    private final SpecReader reader = new SpecReader(impl);

    /** 64 KB every 10 ms: 6.4 MB/s, about 52 Mbit/s. */
    private static final String SPEC = """
            name: mirror
            machine: {preset: smp-4, disks: 1}
            variants:
              - {name: dfly, sched: dfly}
            workloads:
              - {type: mirror-stream, parameters: {link: "LINK", writeSize: 65536, writeEvery: 10ms, delay: 0s}}
            trials: 1
            seed: 5
            warmup: 0ns
            measure: 1s
            """;

    private Map<String, Double> run(String link) {
        ResolvedConfig c = reader.read(Path.of("specs/mirror-test.yaml"), SPEC.replace("LINK", link), List.of());
        ExperimentRun run = new ExperimentRunner(impl).run(c, 1, line -> { });
        TrialResult r = run.results().get(0);
        assertNull(r.failure(), r.failure());
        return r.metrics();
    }

    @Test
    void lagStaysBoundedAboveTheWriteRateGrowsBelowItAndRepeats() {
        Map<String, Double> fast = run("1Gbit/s,100us");
        assertEquals(fast, run("1Gbit/s,100us"), "same seed, same numbers");
        Map<String, Double> slow = run("20Mbit/s,100us");
        assertTrue(fast.get("wl.flushes_replicated") >= 5, fast.toString());
        assertTrue(fast.get("wl.writes") >= 90, "the writer kept its rate: " + fast);
        assertTrue(fast.get("lat.lag.max") < 50e6, "at 1 Gbit/s a flush's batch crosses in milliseconds: " + fast);
        assertEquals(fast.get("wl.flushes_seen"), fast.get("lat.lag.count"), "every flush seen has a lag");
        assertTrue(fast.get("wl.flushes_replicated") >= fast.get("wl.flushes_seen") - 1, fast.toString());
        assertTrue(slow.get("wl.flushes_replicated") < slow.get("wl.flushes_seen") / 2 && slow.get("lat.lag.max")
                > 300e6, "at 20 Mbit/s, below the write rate, the backlog grows: " + slow);
        assertTrue(slow.get("lat.lag.mean") > 20 * fast.get("lat.lag.mean"), fast + " / " + slow);
    }

    @Test
    void aBadLinkFailsTheTrialNamingIt() {
        ResolvedConfig c = reader.read(Path.of("specs/mirror-test.yaml"), SPEC.replace("LINK", "fast"), List.of());
        TrialResult r = new ExperimentRunner(impl).run(c, 1, line -> { }).results().get(0);
        assertTrue(r.failure() != null && r.failure().contains("--link bandwidth: expected a bandwidth such as "
                + "1Gbit/s"), String.valueOf(r.failure()));
    }
}
