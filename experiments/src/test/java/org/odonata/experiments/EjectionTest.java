package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;
import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.Summary;

/** A trial whose scheduler is ejected is marked, fails unless the spec allows ejections, and keeps the details. */
class EjectionTest {

    /** Throws from its 100th pick. */
    private static final UserSchedulerFactory FAULTY = new UserSchedulerFactory() {
        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public String description() {
            return "throws from its 100th pick";
        }

        @Override
        public UserScheduler create() {
            return new DsqScheduler<Entity>() {
                private int picks;

                @Override
                protected Entity dispatch(int cpu) {
                    if (++picks == 100) {
                        throw new IllegalStateException("broken on purpose");
                    }
                    return super.dispatch(cpu);
                }
            };
        }
    };

    private static final String SPEC = """
            name: ejection-test
            machine: {preset: smp-4}
            variants:
              - {name: dfly, sched: dfly}
              - {name: faulty, sched: faulty}
            workloads:
              - {type: hackbench, parameters: {groups: 1, fds: 4, loops: 0, datasize: 64}}
            trials: 2
            seed: 3
            warmup: 2ms
            measure: 8ms
            """;

    private static Implementations withFaulty() {
        Implementations real = RealImplementations.all();
        List<UserSchedulerFactory> schedulers = new ArrayList<>(real.schedulerFactories().values());
        schedulers.add(FAULTY);
        return Implementations.of(real.machines(), real.topologies(), real.kernels(), schedulers,
                List.copyOf(real.tokenFactories().values()), List.copyOf(real.workloadServices().values()));
    }

    private static ExperimentRun run(String spec) {
        Implementations impl = withFaulty();
        return new ExperimentRunner(impl).run(new SpecReader(impl).read(Path.of("ejection-test.yaml"), spec,
                List.of()), 1, line -> { });
    }

    @Test
    void anEjectionFailsTheTrialWithTheLineAndKeepsTheStackTraceAndDump(@TempDir Path results) throws Exception {
        ExperimentRun run = run(SPEC);
        assertEquals(2, run.failures());
        assertEquals(2, run.ejections());
        run.results().stream().filter(r -> r.trial().variant().name().equals("faulty")).forEach(r -> {
            assertTrue(r.failure().matches("ejected: sched: 'faulty' ejected at \\d+\\.\\dms: pickNext threw "
                    + "IllegalStateException: broken on purpose; now 'dfly'"), r.failure());
            assertTrue(r.faults().get(0).stackTrace().contains("EjectionTest"), r.faults().get(0).stackTrace());
        });
        Path dir = ReportWriter.write(results, run, Summary.of(run), RunEnvironment.current());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("## Ejections") && report.contains("(the trial failed)"), report);
        String faults = Files.readString(dir.resolve(ReportWriter.FAULTS_FILE));
        assertTrue(faults.contains("== faulty/hackbench#0: sched: 'faulty' ejected at"), faults);
        assertTrue(faults.contains("last decisions (oldest first):"), faults);
        assertTrue(Files.readString(dir.resolve("trials.csv")).contains("ejected: sched: 'faulty' ejected at"));
    }

    @Test
    void aSpecThatAllowsEjectionsCountsTheTrialAndMarksIt(@TempDir Path results) throws Exception {
        ExperimentRun run = run(SPEC + "allow-ejections: true\n");
        assertEquals(0, run.failures());
        assertEquals(2, run.ejections());
        Path dir = ReportWriter.write(results, run, Summary.of(run), RunEnvironment.current());
        assertTrue(Files.readString(dir.resolve("trials.csv")).contains("allowed ejection: sched: 'faulty' ejected"));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("(allowed: the trial counts)"));
    }
}
