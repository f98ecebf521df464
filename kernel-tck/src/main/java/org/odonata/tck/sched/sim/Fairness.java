package org.odonata.tck.sched.sim;

import java.util.List;

/** Jain's fairness index over the CPU time of a set of LWPs: 1 when equal, 1/n when one gets everything. */
public final class Fairness {

    private Fairness() {
    }

    public static double jain(List<SimLwp> lwps) {
        double sum = 0;
        double squares = 0;
        for (SimLwp t : lwps) {
            double x = t.runtimeNanos();
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? 1 : sum * sum / (lwps.size() * squares);
    }
}
