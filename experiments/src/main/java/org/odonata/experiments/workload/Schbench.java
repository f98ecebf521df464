package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * schbench's request loop: {@code messageThreads} message threads each drive {@code workers} workers. A
 * message thread stamps a request into each worker's pipe and waits for every reply; a worker wakes (the
 * wakeup latency: stamp to the worker running again), sleeps {@code sleep} (schbench's usleep), does
 * {@code work} of CPU (its matrix multiply) and replies (the request latency: stamp to reply). With
 * {@code rps} > 0 a message thread starts its rounds no faster than that many requests per second
 * ({@code -R}); otherwise it runs closed-loop. Latencies go to HdrHistogram, so p50/p90/p99/p99.9 are exact
 * to three significant digits, as schbench prints them. Each sleep is lengthened by a uniform draw from
 * [0, {@code sleepJitter}) of the worker's own seeded stream: a real usleep ends somewhere within the timer
 * slack and the timer interrupt's granularity, which is what makes schbench's runs differ.
 * <p>
 * Left out: futexes (the wakeup is a one-byte pipe write, which costs a little more), the per-CPU spinlock
 * around the think time (user programs cannot ask which CPU they are on), the cache-footprint option
 * ({@code -F}), CPU lists, auto-RPS, and pipe mode; warm-up is the runner's, not schbench's {@code -w}.
 */
@Component(service = Workload.class, property = "name=schbench")
public final class Schbench extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("messageThreads", 2, "message threads (-m)"),
            Param.integer("workers", 4, "workers per message thread (-t)"),
            Param.duration("sleep", "100us", "sleep inside each request (schbench's usleep)"),
            Param.duration("sleepJitter", "10us", "each sleep is longer by a uniform random amount below this"),
            Param.duration("work", "50us", "CPU time of each request (the matrix math)"),
            Param.integer("rps", 0, "requests per second per message thread (-R); 0: closed loop"));

    @Override
    public String name() {
        return "schbench";
    }

    @Override
    public String description() {
        return "message threads waking workers for sleep+compute requests; wakeup and request latency percentiles";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        int messageThreads = p.count("messageThreads");
        int workers = p.count("workers");
        long sleep = p.nanos("sleep");
        long sleepJitter = p.nanos("sleepJitter");
        long work = cycles(kernel, p.nanos("work"));
        long rps = p.integer("rps");
        if (messageThreads < 1 || workers < 1 || rps < 0) {
            throw new IllegalArgumentException("messageThreads and workers must be at least 1, rps at least 0");
        }
        long roundNanos = rps == 0 ? 0 : workers * 1_000_000_000L / rps;
        RunRecord run = new RunRecord(name(), "requests", List.of(
                Metric.count("requests", "req", "requests completed"),
                Metric.count("rounds", "rounds", "message-thread rounds")), "wakeup", "request");
        for (int m = 0; m < messageThreads; m++) {
            kernel.spawn("schbench-msg" + m, sys -> {
                long[] stamps = new long[workers];
                int[][] requests = new int[workers][];
                int[] replies = sys.pipe();
                for (int w = 0; w < workers; w++) {
                    requests[w] = sys.pipe();
                    int me = w;
                    fork(sys, worker -> {
                        byte[] b = new byte[1];
                        while (worker.read(requests[me][0], b, 0, 1) > 0) {
                            long woke = worker.now();
                            run.record("wakeup", woke - stamps[me]);
                            worker.nanosleep(sleep + Variates.uniform(worker.random(), 0, sleepJitter));
                            worker.compute(work);
                            run.record("request", worker.now() - stamps[me]);
                            run.add("requests", 1);
                            worker.write(replies[1], b, 0, 1);
                        }
                    });
                }
                byte[] b = new byte[1];
                while (true) {
                    long start = sys.now();
                    for (int w = 0; w < workers; w++) {
                        stamps[w] = sys.now();
                        sys.write(requests[w][1], b, 0, 1);
                    }
                    for (int w = 0; w < workers; w++) {
                        sys.read(replies[0], b, 0, 1);
                    }
                    run.add("rounds", 1);
                    long left = start + roundNanos - sys.now();
                    if (left > 0) {
                        sys.nanosleep(left);
                    }
                }
            });
        }
        return run;
    }
}
