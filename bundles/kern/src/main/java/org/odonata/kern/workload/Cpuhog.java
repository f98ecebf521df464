package org.odonata.kern.workload;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;
import org.osgi.service.component.annotations.Component;

/** {@code cpuhog N [--burst D]}: N processes computing forever in bursts (default 1ms); counts bursts done. */
@Component(service = Workload.class, property = "name=cpuhog")
public final class Cpuhog implements Workload {

    static final String USAGE = "cpuhog N [--burst DURATION]";

    @Override
    public String name() {
        return "cpuhog";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public WorkloadRun start(Kernel kernel, List<String> args) {
        Args a = new Args(USAGE, args, List.of("burst"), List.of());
        int n = a.positionalInt(0, "N", 1, 100_000, -1);
        a.noMorePositional(1);
        long burst = cycles(kernel, a.duration("burst", 1_000_000));
        Counters c = new Counters("cpuhog", "processes", "bursts");
        for (int i = 0; i < n; i++) {
            kernel.spawn("cpuhog", sys -> {
                while (true) {
                    sys.compute(burst);
                    c.values[1]++;
                }
            });
            c.values[0]++;
        }
        return c;
    }

    static long cycles(Kernel kernel, long nanos) {
        return Math.max(1, kernel.machine().costs().cycles(nanos));
    }
}
