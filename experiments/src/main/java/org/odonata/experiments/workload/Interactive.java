package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * A latency-sensitive periodic thread under background load: every {@code period} it wakes, does
 * {@code work} of CPU and sleeps again, while {@code background} CPU hogs at nice {@code backgroundNice}
 * compete. The wakeup latency (when it ran minus when its timer was due) is what a user feels as jank;
 * deadlines missed count activations that finished after the next period began. Each period is drawn
 * uniformly from {@code period × (1 ± jitter/2)} of the thread's own seeded stream, as input events and frames
 * never arrive exactly on time.
 * <p>
 * Left out: input devices and the display (the period stands for a frame or an input event), and the
 * hogs' memory traffic (they only compute).
 */
@Component(service = Workload.class, property = "name=interactive")
public final class Interactive extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.duration("period", "10ms", "mean time between activations"),
            Param.decimal("jitter", 0.1, "each period is uniform in period × (1 ± jitter/2); 0 to 1"),
            Param.duration("work", "500us", "CPU time per activation"),
            Param.integer("background", 4, "CPU-bound background processes"),
            Param.integer("backgroundNice", 0, "nice of the background processes"),
            Param.integer("nice", 0, "nice of the interactive thread"));

    @Override
    public String name() {
        return "interactive";
    }

    @Override
    public String description() {
        return "a periodic latency-sensitive thread under CPU-bound background load; wakeup latency";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        long period = p.nanos("period");
        double jitter = p.decimal("jitter");
        long work = cycles(kernel, p.nanos("work"));
        int background = p.count("background");
        int bgNice = (int) p.integer("backgroundNice");
        int nice = (int) p.integer("nice");
        if (period <= 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("period must be longer than 0, jitter between 0 and 1");
        }
        long spread = Math.round(period * jitter);
        RunRecord run = new RunRecord(name(), "activations", List.of(
                Metric.count("activations", "activations", "periods the interactive thread ran"),
                Metric.count("missed", "periods", "periods that began before the last one's work ended"),
                Metric.count("hog_chunks", "chunks", "1 ms chunks of background work done")), "wakeup");
        long chunk = cycles(kernel, 1_000_000);
        for (int i = 0; i < background; i++) {
            kernel.spawn("hog" + i, sys -> {
                sys.setNice(bgNice);
                while (true) {
                    sys.compute(chunk);
                    run.add("hog_chunks", 1);
                }
            });
        }
        kernel.spawn("interactive", sys -> {
            sys.setNice(nice);
            RandomGenerator own = sys.random();
            long due = sys.now() + nextPeriod(own, period, spread);
            while (true) {
                long now = sys.now();
                if (due > now) {
                    sys.nanosleep(due - now);
                }
                run.record("wakeup", sys.now() - due);
                sys.compute(work);
                run.add("activations", 1);
                due += nextPeriod(own, period, spread);
                long end = sys.now();
                if (end > due) {
                    run.add("missed", 1);
                    due += (end - due) / period * period + nextPeriod(own, period, spread);
                }
            }
        });
        return run;
    }

    private static long nextPeriod(RandomGenerator random, long period, long spread) {
        return Variates.uniform(random, period - spread / 2, period - spread / 2 + spread + 1);
    }
}
