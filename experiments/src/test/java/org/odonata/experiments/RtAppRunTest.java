package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;

/** Every rt-app example runs unchanged as a spec workload on the real kernel, with both lock mappings where valid. */
class RtAppRunTest {

    @Test
    void everyExampleFileRunsOnTheRealKernel() throws IOException {
        List<Path> files = RtAppFileTest.exampleFiles();
        StringBuilder spec = new StringBuilder("""
                name: rtapp-all
                machine: {preset: laptop-4c8t}
                variants: [{name: dfly, sched: dfly}]
                trials: 1
                warmup: 0ms
                measure: 30ms
                workloads:
                """);
        for (Path f : files) {
            String label = f.getFileName().toString().replace(".json", "");
            spec.append("  - {name: ").append(label).append(", type: rt-app, file: '").append(f).append("'}\n");
        }
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("rtapp.yaml"), spec.toString(), List.of());
        ExperimentRun run = new ExperimentRunner(impl).run(c, 2, line -> { });
        assertEquals(files.size(), run.results().size());
        for (TrialResult r : run.results()) {
            assertTrue(r.ok(), r.trial().label() + ": " + r.failure());
            assertTrue(r.metrics().get("wl.threads") > 0 && r.metrics().get("wl.events") > 0,
                    r.trial().label() + " ran no event: " + r.metrics());
        }
    }

    @Test
    void tokenLocksSerialiseThroughTheTokenImplementation() {
        String spec = """
                name: rtapp-token
                machine: {preset: smp-4}
                variants: [{name: mcs, sched: dfly, sync: mcs}]
                trials: 1
                warmup: 1ms
                measure: 20ms
                workloads:
                  - {type: rt-app, file: 'locks.json', parameters: {locks: token}}
                """;
        Path dir = Path.of("target/rtapp-token");
        Path file = dir.resolve("locks.json");
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(file, """
                    { "tasks": { "t": { "instance": 4, "loop": -1, "lock": "m", "run": 20, "unlock": "m",
                                        "run": 30 } } }
                    """);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(dir.resolve("spec.yaml"), spec, List.of());
        TrialResult r = new ExperimentRunner(impl).run(c, 1, line -> { }).results().get(0);
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertTrue(r.metrics().get("token_acquisitions") > 100, r.metrics().toString());
    }

    /**
     * SCHED_FIFO reaches the scheduler as the realtime class (Syscalls.setSchedClass): a periodic FIFO task keeps
     * its 1 ms timer within microseconds against four CPU hogs on two CPUs, under every user scheduler, while the
     * same task as SCHED_OTHER waits behind the hogs for the whole window under dfly and fifo. bsd4 lets the
     * SCHED_OTHER sleeper in too: it charges estcpu only while a thread runs ({@code bsd4_schedulerclock}), so the
     * 10% task sits queues better than the hogs, and each priority change asks for a reschedule
     * ({@code bsd4_resetpriority}). The 400 ms warm-up lets every thread
     * start (new LWPs queue at the head of their queue, so the first created waits for a round robin) and the class
     * take effect, which it does, as {@code lwp_rtprio} in DragonFly, at the thread's next priority recalculation.
     */
    @Test
    void aFifoTaskPreemptsNormalHogsUnderEveryScheduler() throws IOException {
        Path dir = Path.of("target/rtapp-policy");
        java.nio.file.Files.createDirectories(dir);
        String fifo = """
                { "tasks": {
                    "rt":  { "policy": "SCHED_FIFO", "priority": 50, "timer": { "ref": "t", "period": 1000 },
                             "run": 100 },
                    "hog": { "instance": 4, "run": 20000 } } }
                """;
        java.nio.file.Files.writeString(dir.resolve("fifo.json"), fifo);
        java.nio.file.Files.writeString(dir.resolve("other.json"), fifo.replace("SCHED_FIFO", "SCHED_OTHER"));
        String spec = """
                name: rtapp-policy
                machine: {cpus: 2}
                variants: [{name: dfly, sched: dfly}, {name: bsd4, sched: bsd4}, {name: fifo, sched: fifo}]
                trials: 1
                warmup: 400ms
                measure: 20ms
                workloads:
                  - {name: fifo, type: rt-app, file: fifo.json}
                  - {name: other, type: rt-app, file: other.json}
                """;
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(dir.resolve("spec.yaml"), spec, List.of());
        for (TrialResult r : new ExperimentRunner(impl).run(c, 2, line -> { }).results()) {
            assertTrue(r.ok(), r.trial().label() + ": " + r.failure());
            double periods = r.metrics().get("lat.timer.count");
            if (r.trial().workload().label().equals("fifo")) {
                assertTrue(periods >= 19 && r.metrics().get("lat.timer.p99") < 20_000, r.trial().label() + ": "
                        + r.metrics());
            } else if (!r.trial().variant().name().equals("bsd4")) {
                assertTrue(periods < 5, r.trial().label() + " ran as if realtime: " + r.metrics());
            }
        }
    }

    /** Issue 15 §3, audit F5: an rt-app fork bomb meets kern.maxproc (EAGAIN), not the host's heap. */
    @Test
    void aForkBombMeetsTheProcessLimit(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bomb = java.nio.file.Files.writeString(dir.resolve("fork-self.json"),
                "{\"tasks\":{\"t\":{\"instance\":1,\"loop\":-1,\"fork\":\"t\"}}}");
        String spec = """
                name: bomb
                machine: {preset: smp-4, sysctl: {kern.maxproc: 300}}
                variants: [{name: dfly, sched: dfly}]
                workloads: [{type: rt-app, file: '%s'}]
                trials: 1
                warmup: 0ms
                measure: 300ms
                """.formatted(bomb);
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(dir.resolve("bomb.yaml"), spec, List.of());
        TrialResult r = new ExperimentRunner(impl).run(c, 1, line -> { }).results().get(0);
        assertTrue(r.failed(), "a fork bomb cannot run to the end");
        assertTrue(r.failure().contains("fork failed: EAGAIN, the process table is full (kern.maxproc)"),
                r.failure());
    }
}
