package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.run.TrialResult;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;

/**
 * Queueing theory as the oracle: an open workload of Poisson arrivals and exponential service on c CPUs under
 * the fifo scheduler with every hardware cost zero is an M/M/c FCFS queue, whose mean response time is
 * Erlang's C formula. The simulated mean over all trials must be within 3%.
 */
class ErlangCTest {

    /** Service time of a job: long against the kernel's fixed per-process costs (fork, exit: a few µs). */
    private static final double SERVICE_SECONDS = 0.010;

    /**
     * Erlang's C formula, textbook form: with offered load a = λ/μ and utilisation ρ = a/c, the probability
     * that an arrival waits is C = (a^c/c!)·1/(1−ρ) / (Σ_{k=0}^{c−1} a^k/k! + (a^c/c!)·1/(1−ρ)), and the mean
     * response time is C/(cμ − λ) + 1/μ.
     */
    static double erlangCResponse(int c, double lambda, double mu) {
        double a = lambda / mu;
        double rho = a / c;
        double sum = 0;
        double term = 1;
        for (int k = 0; k < c; k++) {
            if (k > 0) {
                term *= a / k;
            }
            sum += term;
        }
        double last = term * a / c / (1 - rho);
        double waitProbability = last / (sum + last);
        return waitProbability / (c * mu - lambda) + 1 / mu;
    }

    @ParameterizedTest(name = "c={0} rho={1}")
    @CsvSource({"1, 0.5", "1, 0.8", "4, 0.5", "4, 0.8"})
    void meanResponseTimeMatchesErlangC(int c, double rho) {
        double mu = 1 / SERVICE_SECONDS;
        double lambda = rho * c * mu;
        double expected = erlangCResponse(c, lambda, mu);
        long measureSeconds = 600;
        String spec = """
                name: erlang-c
                machine:
                  cpus: %d
                  costs: {syscallEntry: 0, syscallExit: 0, contextSwitch: 0, tlbMiss: 0, pageWalk: 0,
                          ipiSmtSibling: 0, ipiSameL3: 0, ipiSamePackage: 0, ipiOtherPackage: 0, lapicProgram: 0,
                          lapicExpiry: 0, tscRead: 0, lineLocal: 0, lineSmtSibling: 0, lineSameL3: 0,
                          lineSamePackage: 0, lineOtherPackage: 0, lineMemory: 0, atomicExtra: 0}
                variants: [{name: fifo, sched: fifo}]
                workloads: [{type: openqueue, parameters: {rate: %s, service: 10ms}}]
                trials: 2
                seed: 1917
                warmup: 20s
                measure: %ds
                """.formatted(c, lambda, measureSeconds);
        Implementations impl = RealImplementations.all();
        ResolvedConfig config = new SpecReader(impl).read(Path.of("erlang-c.yaml"), spec, List.of());
        ExperimentRun run = new ExperimentRunner(impl).run(config, 2, line -> { });
        Histogram all = new Histogram(3);
        all.setAutoResize(true);
        for (TrialResult r : run.results()) {
            assertTrue(r.ok(), String.valueOf(r.failure()));
            all.add(r.latencies().get("response"));
        }
        double simulated = all.getMean() / 1e9;
        System.out.printf("M/M/%d rho=%.1f: Erlang C %.3f ms, simulated %.3f ms over %d jobs (%+.2f%%)%n", c, rho,
                expected * 1e3, simulated * 1e3, all.getTotalCount(), (simulated / expected - 1) * 100);
        assertEquals(expected, simulated, expected * 0.03);
    }

    @org.junit.jupiter.api.Test
    void formulaAgreesWithTheMM1ClosedForm() {
        assertEquals(1 / (100.0 - 80.0), erlangCResponse(1, 80, 100), 1e-12);
    }
}
