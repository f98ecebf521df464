package org.odonata.experiments.workload;

import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * will-it-scale's pattern applied to LWKT tokens: {@code copies} processes each loop taking a token,
 * spending {@code hold} in the kernel holding it, releasing it, then spending {@code think} in user mode.
 * With {@code token=shared} every copy contends for one global token (lock1-style contention); with
 * {@code token=percopy} each has its own (the scalable baseline). {@code block} makes the holder sleep
 * {@code blockFor} while holding, which releases the token and reacquires it on wakeup, as tokens do.
 * Throughput is loops per virtual second; the kernel's lock statistics give spin cycles and wait times. The
 * think time of each loop is drawn from the copy's own seeded stream with mean {@code think} and shape
 * {@code thinkDist} (exponential by default), as a real loop's user-mode work varies with caches and
 * interrupts; that is what makes the copies' arrivals at the token, and so trials, differ.
 * <p>
 * Left out: will-it-scale's pinning (no affinity call) and its per-second sampling (the runner's window
 * replaces it); the held resource is a kernel token, not a file lock or futex.
 */
@Component(service = Workload.class, property = "name=tokenscale")
public final class TokenScale extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.integer("copies", 4, "processes looping in parallel"),
            Param.choice("token", "shared", "one token for all copies, or one per copy", "shared", "percopy"),
            Param.choice("mode", "exclusive", "how the token is held", "exclusive", "shared"),
            Param.integer("hold", 200, "cycles spent in the kernel holding the token (critical section)"),
            Param.integer("think", 200, "mean cycles spent in user mode between acquisitions"),
            Param.choice("thinkDist", "exp", "how think times spread around their mean: exponential, constant or "
                    + "uniform on [0, 2 think]", Variates.Shape.CHOICES),
            Param.bool("block", false, "sleep while holding (the token is released and reacquired)"),
            Param.duration("blockFor", "10us", "how long a blocking holder sleeps"));

    @Override
    public String name() {
        return "tokenscale";
    }

    @Override
    public String description() {
        return "will-it-scale-style token contention: N copies taking a shared or per-copy token";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random) {
        int copies = p.count("copies");
        boolean perCopy = p.string("token").equals("percopy");
        boolean sharedMode = p.string("mode").equals("shared");
        long hold = p.integer("hold");
        long think = p.integer("think");
        Variates.Shape thinkDist = Variates.Shape.of(p.string("thinkDist"));
        boolean block = p.bool("block");
        long blockFor = p.nanos("blockFor");
        if (copies < 1 || hold < 0 || think < 0) {
            throw new IllegalArgumentException("copies must be at least 1, hold and think at least 0");
        }
        RunRecord run = new RunRecord(name(), "ops", List.of(Metric.count("ops", "loops", "loops completed")));
        for (int i = 0; i < copies; i++) {
            String token = perCopy ? "tokenscale." + i : "tokenscale";
            kernel.spawn("tokenscale" + i, sys -> {
                Runnable critical = () -> {
                    sys.computeInKernel(hold);
                    if (block) {
                        sys.nanosleep(blockFor);
                    }
                };
                RandomGenerator own = sys.random();
                while (true) {
                    sys.withToken(token, sharedMode, critical);
                    run.add("ops", 1);
                    long cycles = thinkDist.draw(own, think);
                    if (cycles > 0) {
                        sys.compute(cycles);
                    }
                }
            });
        }
        return run;
    }
}
