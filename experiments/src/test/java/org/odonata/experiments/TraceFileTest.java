package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.Summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code trace: {trial: N}} writes trace.json of exactly that trial in Chrome's trace-event format (what
 * ui.perfetto.dev opens), and tracing changes no result.
 */
class TraceFileTest {

    private static final String SPEC = """
            name: trace-test
            machine: {preset: smp-4}
            variants: [{name: dfly, sched: dfly, sync: lwkt}]
            workloads:
              - {type: hackbench, parameters: {groups: 1, fds: 2, loops: 0, datasize: 64}}
              - {type: tokenscale, parameters: {copies: 6, hold: 3000, block: true, blockFor: 2us}}
            trials: 2
            warmup: 1ms
            measure: 2ms
            """;

    @Test
    void aTracedTrialWritesValidTraceEventJsonAndTheSameResults() throws IOException {
        Implementations impl = RealImplementations.all();
        SpecReader reader = new SpecReader(impl);
        ResolvedConfig plain = reader.read(Path.of("trace.yaml"), SPEC, List.of());
        ResolvedConfig traced = reader.read(Path.of("trace.yaml"), SPEC,
                List.of("trace={trial: 1, workload: tokenscale}"));
        ExperimentRun a = new ExperimentRunner(impl).run(plain, 2, line -> { });
        ExperimentRun b = new ExperimentRunner(impl).run(traced, 2, line -> { });
        assertEquals(a.digest(), b.digest(), "tracing changed a result");
        List<TrialResult> withTrace = b.results().stream().filter(r -> r.trace() != null).toList();
        assertEquals(1, withTrace.size());
        assertEquals("dfly/tokenscale#1", withTrace.get(0).trial().label());
        a.results().forEach(r -> assertNull(r.trace()));

        Path dir = ReportWriter.write(Path.of("target/trace-results"), b, Summary.of(b), RunEnvironment.current());
        JsonNode doc = new ObjectMapper().readTree(dir.resolve(ReportWriter.TRACE_FILE).toFile());
        JsonNode events = doc.get("traceEvents");
        assertTrue(events.isArray() && events.size() > 100, "events: " + events.size());
        Set<String> kinds = new HashSet<>();
        for (JsonNode e : events) {
            String ph = e.path("ph").asText();
            assertTrue(Set.of("X", "i", "M").contains(ph), e.toString());
            assertTrue(e.path("name").isTextual() && e.path("pid").isInt() && e.path("tid").isIntegralNumber()
                    && e.path("ts").isNumber() && e.path("ts").asDouble() >= 0, e.toString());
            if (ph.equals("X")) {
                assertTrue(e.path("dur").isNumber() && e.path("dur").asDouble() >= 0, e.toString());
            }
            kinds.add(ph + ":" + e.path("pid").asInt() + ":" + e.path("name").asText().split(" ")[0]);
        }
        // thread slices on the CPU tracks, wakeups, token waits and track names are all there
        assertTrue(kinds.contains("i:1:wakeup") && kinds.contains("X:2:wait") && kinds.contains("M:1:thread_name")
                && kinds.stream().anyMatch(k -> k.startsWith("X:1:tokenscale")), kinds.toString());
        // the whole trial, in microseconds: the last event ends near warm-up + window = 3 ms
        double last = 0;
        for (JsonNode e : events) {
            last = Math.max(last, e.path("ts").asDouble() + e.path("dur").asDouble(0));
        }
        assertTrue(last > 2_900 && last <= 3_000.001, "last event at " + last + " us");
        assertTrue(Files.readString(dir.resolve("report.md")).contains("trace.json"));
    }
}
