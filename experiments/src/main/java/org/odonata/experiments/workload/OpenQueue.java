package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.engine.Engine;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * An open system: jobs arrive as a Poisson process of {@code rate} per second and each is a new process that
 * computes for an exponentially distributed time of mean {@code service} (or exactly {@code service} with
 * {@code dist=const}) and exits. The response time (arrival to completion) is recorded. On c CPUs with a FIFO
 * user scheduler and zero costs this is the M/M/c queue, whose mean response time Erlang's C formula gives.
 * <p>
 * Arrivals are machine events that spawn the job, not a generator process, so the arrival process itself
 * never waits for a CPU; their gaps come from the machine's seeded stream {@code workload.openqueue}. Each job
 * draws its own service time from its process's seeded stream, so job k gets the same service time under every
 * variant. Left out: everything a job would do besides computing.
 */
@Component(service = Workload.class, property = "name=openqueue")
public final class OpenQueue extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.decimal("rate", 500, "mean arrivals per virtual second (Poisson)"),
            Param.duration("service", "1ms", "mean CPU time of a job"),
            Param.choice("dist", "exp", "service time distribution", "exp", "const"));

    @Override
    public String name() {
        return "openqueue";
    }

    @Override
    public String description() {
        return "Poisson arrivals of CPU-bound jobs (M/M/c under a FIFO scheduler); response time";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        double rate = p.decimal("rate");
        double service = cycles(kernel, p.nanos("service"));
        boolean exponential = p.string("dist").equals("exp");
        if (rate <= 0 || service <= 0) {
            throw new IllegalArgumentException("rate and service must be positive");
        }
        int cpus = kernel.machine().topology().cpuCount();
        double load = rate * p.nanos("service") / 1e9 / cpus;
        if (rate > 1e9) {
            throw new IllegalArgumentException("rate " + rate + " is more than one arrival per virtual nanosecond, "
                    + "the resolution of virtual time");
        }
        if (load >= 1) {
            // an open queue past saturation grows without bound: the run would measure only its backlog
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "rate %s x service %s = %.3g "
                    + "CPUs of work on %d CPUs (utilisation %.0f%%): the queue would grow without bound; keep "
                    + "rate x service below the CPU count", rate, org.odonata.api.engine.VirtualDuration.format(
                    p.nanos("service")), load * cpus, cpus, load * 100));
        }
        RunRecord run = new RunRecord(name(), "jobs", List.of(
                Metric.count("arrivals", "jobs", "jobs that arrived"),
                Metric.count("jobs", "jobs", "jobs completed"),
                Metric.cycles("service_cycles", "cycles of service completed"),
                Metric.count("dropped", "jobs", "arrivals turned away at kern.maxproc")), "response");
        Engine engine = kernel.machine().engine();
        new Runnable() {
            private long sequence;

            @Override
            public void run() {
                long arrival = engine.now();
                run.add("arrivals", 1);
                try {
                    kernel.spawn("job" + sequence++, sys -> {
                        long cycles = exponential ? Variates.exponential(sys.random(), service)
                                : Math.round(service);
                        sys.compute(cycles);
                        run.record("response", sys.now() - arrival);
                        run.add("jobs", 1);
                        run.add("service_cycles", cycles);
                    });
                } catch (IllegalStateException processTableFull) {
                    // kern.maxproc: the arrival is turned away, as a server at its process limit does
                    run.add("dropped", 1);
                }
                long gap = Variates.exponential(random, 1e9 / rate);
                engine.after(Math.max(1, gap), this);
            }
        }.run();
        return run;
    }
}
