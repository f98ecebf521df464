package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.odonata.experiments.spec.SpecException;
import org.odonata.experiments.spec.SpecReader;

/** {@code machine.vkernel}: the variants' kernels run as vkernel guests of a host kernel (issue 12 §4). */
class VkernelSpecTest {

    private final Implementations impl = RealImplementations.all();
    private final SpecReader reader = new SpecReader(impl);

    private static final String SPEC = """
            name: vkernel
            machine: {preset: smp-4, vkernel: {cpus: 2, mem: 64M}}
            variants:
              - {name: dfly, sched: dfly}
              - {name: fifo, sched: fifo}
            workloads:
              - {type: tokenscale, parameters: {copies: 8, token: shared, hold: 300, think: 300}}
            trials: 1
            seed: 3
            warmup: 0ns
            measure: 100ms
            metrics: [throughput, cpu_util]
            """;

    private ResolvedConfig read(String text) {
        return reader.read(Path.of("specs/vkernel-test.yaml"), text, List.of());
    }

    @Test
    void eachVariantsKernelRunsAsATwoVcpuGuestAndReproduces() {
        ResolvedConfig c = read(SPEC);
        assertEquals(2, c.points().get(0).variants().get(0).machine().vkernel().cpus());
        ExperimentRun run = new ExperimentRunner(impl).run(c, 1, line -> { });
        ExperimentRun again = new ExperimentRunner(impl).run(c, 1, line -> { });
        List<TrialResult> results = run.results();
        assertEquals(2, results.size());
        for (int i = 0; i < results.size(); i++) {
            TrialResult r = results.get(i);
            assertNull(r.failure(), r.failure());
            // the guest's two CPUs, not the host's four, and 8 copies keep them busy
            assertTrue(r.metrics().containsKey("cpu1.util") && !r.metrics().containsKey("cpu2.util"),
                    r.metrics().keySet().toString());
            assertTrue(r.metrics().get("cpu_util") > 0.9, "cpu_util " + r.metrics().get("cpu_util"));
            assertEquals(r.kernelDigest(), again.results().get(i).kernelDigest(), "same seed, same digest");
        }
        assertNotEquals(results.get(0).kernelDigest(), results.get(1).kernelDigest(), "the guests ran different schedulers");
    }

    @Test
    void aGuestWithoutCpusOrMemoryIsReportedWhereItIsWritten() {
        SpecException e = assertThrows(SpecException.class,
                () -> read(SPEC.replace("vkernel: {cpus: 2, mem: 64M}", "vkernel: {cpus: 2, size: 64M}")));
        assertTrue(e.getMessage().contains("machine.vkernel"), e.getMessage());
        SpecException zero = assertThrows(SpecException.class,
                () -> read(SPEC.replace("cpus: 2, mem: 64M", "cpus: 0, mem: 64M")));
        assertTrue(zero.getMessage().contains("machine.vkernel.cpus"), zero.getMessage());
    }
}
