package org.odonata.kern.workload;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;
import org.osgi.service.component.annotations.Component;

/**
 * {@code forkstorm [--parents P] [--child D]}: each parent forks a short-lived child (computing D, default 50us,
 * then exiting) and waits for it, forever; counts forks and reaped children.
 */
@Component(service = Workload.class, property = "name=forkstorm")
public final class Forkstorm implements Workload {

    static final String USAGE = "forkstorm [--parents P] [--child DURATION]";

    @Override
    public String name() {
        return "forkstorm";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public WorkloadRun start(Kernel kernel, List<String> args) {
        Args a = new Args(USAGE, args, List.of("parents", "child"), List.of());
        a.noMorePositional(0);
        int parents = 1;
        String p = a.option("parents");
        if (p != null) {
            try {
                parents = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw a.bad("--parents must be a number, was '" + p + "'");
            }
            if (parents < 1) {
                throw a.bad("--parents must be at least 1");
            }
        }
        long child = Cpuhog.cycles(kernel, a.duration("child", 50_000));
        Counters c = new Counters("forkstorm", "forks", "reaped");
        for (int i = 0; i < parents; i++) {
            kernel.spawn("forkstorm", sys -> {
                while (true) {
                    if (sys.fork(kid -> kid.compute(child)) < 0) {
                        throw new IllegalStateException("forkstorm: fork failed (EAGAIN: the process table is "
                                + "full, kern.maxproc)");
                    }
                    c.values[0]++;
                    if (sys.waitpid() > 0) {
                        c.values[1]++;
                    }
                }
            });
        }
        return c;
    }
}
