package org.odonata.kern.workload;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;
import org.osgi.service.component.annotations.Component;

/**
 * {@code tokens N --hold D [--block] [--token NAME] [--think D]}: N processes loop taking one token exclusively,
 * holding it for D (computing in the kernel, or sleeping with {@code --block}, which releases it while blocked),
 * releasing it, then computing a little in user mode (default 10us); counts completed holds.
 */
@Component(service = Workload.class, property = "name=tokens")
public final class TokenContention implements Workload {

    static final String USAGE = "tokens N --hold DURATION [--block] [--token NAME] [--think DURATION]";

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public WorkloadRun start(Kernel kernel, List<String> args) {
        Args a = new Args(USAGE, args, List.of("hold", "token", "think"), List.of("block"));
        int n = a.positionalInt(0, "N", 1, 100_000, -1);
        a.noMorePositional(1);
        if (a.option("hold") == null) {
            throw a.bad("missing --hold");
        }
        long hold = a.duration("hold", 0);
        long holdCycles = Cpuhog.cycles(kernel, hold);
        long think = Cpuhog.cycles(kernel, a.duration("think", 10_000));
        boolean block = a.flag("block");
        String token = a.option("token") == null ? "workload" : a.option("token");
        Counters c = new Counters("tokens", "processes", "holds");
        for (int i = 0; i < n; i++) {
            kernel.spawn("tokens", sys -> {
                while (true) {
                    sys.withToken(token, false, () -> {
                        if (block) {
                            sys.nanosleep(hold);
                        } else {
                            sys.computeInKernel(holdCycles);
                        }
                    });
                    c.values[1]++;
                    sys.compute(think);
                }
            });
            c.values[0]++;
        }
        return c;
    }
}
