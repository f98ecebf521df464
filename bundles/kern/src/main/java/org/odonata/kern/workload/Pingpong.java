package org.odonata.kern.workload;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pingpong [--pairs P]}: a process and its forked child bounce one byte through two pipes forever; counts
 * round trips.
 */
@Component(service = Workload.class, property = "name=pingpong")
public final class Pingpong implements Workload {

    static final String USAGE = "pingpong [--pairs P]";

    @Override
    public String name() {
        return "pingpong";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public WorkloadRun start(Kernel kernel, List<String> args) {
        Args a = new Args(USAGE, args, List.of("pairs"), List.of());
        a.noMorePositional(0);
        int pairs = 1;
        String p = a.option("pairs");
        if (p != null) {
            try {
                pairs = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw a.bad("--pairs must be a number, was '" + p + "'");
            }
            if (pairs < 1) {
                throw a.bad("--pairs must be at least 1");
            }
        }
        Counters c = new Counters("pingpong", "pairs", "round_trips");
        for (int i = 0; i < pairs; i++) {
            kernel.spawn("ping", sys -> {
                int[] there = sys.pipe();
                int[] back = sys.pipe();
                int pong = sys.fork(child -> {
                    byte[] b = new byte[1];
                    while (child.read(there[0], b, 0, 1) == 1) {
                        child.write(back[1], b, 0, 1);
                    }
                });
                if (pong < 0) {
                    throw new IllegalStateException("pingpong: fork failed (EAGAIN: the process table is full, "
                            + "kern.maxproc)");
                }
                byte[] b = {42};
                while (true) {
                    sys.write(there[1], b, 0, 1);
                    if (sys.read(back[0], b, 0, 1) != 1) {
                        return;
                    }
                    c.values[1]++;
                }
            });
            c.values[0]++;
        }
        return c;
    }
}
