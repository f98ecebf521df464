package org.odonata.sched.lwkt.dfly;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.topology.Topology;
import org.odonata.tck.sched.sim.Fairness;
import org.odonata.tck.sched.sim.SimCore;
import org.odonata.tck.sched.sim.SimLwp;
import org.odonata.tck.sched.sim.Topologies;

class DflyFairnessTest {

    private static final long TEN_SECONDS = 10_000_000_000L;

    /*
     * Hogs that run are rebalanced only by the rover ({@code dfly_schedulerclock}: one CPU every 8 schedclock
     * ticks pulls the worst LWP of the worst queue if its own uload + weight6/2 is lower) and by the paced push
     * (feature 0x08: a CPU's turn every 8 × ncpus ticks), so ten seconds do not average out: the bounds (0.02 under
     * what DragonFly's 2020 code gives here) guard against regressions, and every hog must get at least a quarter
     * of a CPU.
     */

    @Test
    void sixteenEqualHogsOnLaptop4c8tShareFairlyOverTenSeconds() {
        assertFair(Topologies.laptop4c8t(), 16, 0.925);
    }

    @Test
    void twelveEqualHogsOnEightCoresShareFairlyOverTenSeconds() {
        assertFair(Topologies.symmetric("smp-8", 1, 8, 1), 12, 0.91);
    }

    @Test
    void twelveEqualHogsOnLaptop4c8tStayCloseToFair() {
        assertFair(Topologies.laptop4c8t(), 12, 0.955);
    }

    private static void assertFair(Topology topology, int n, double bound) {
        SimCore core = new SimCore(topology, new DflyScheduler(), 42);
        List<SimLwp> hogs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hogs.add(core.spawnHog("hog" + i, 0));
        }
        core.run(TEN_SECONDS);
        double jain = Fairness.jain(hogs);
        long min = hogs.stream().mapToLong(SimLwp::runtimeNanos).min().orElseThrow();
        System.out.printf("dfly: %d equal hogs on %s over 10 s: Jain %.4f, least %d ms, %d migrations%n", n,
                topology.name(), jain, min / 1_000_000, core.host().migrations());
        long total = hogs.stream().mapToLong(SimLwp::runtimeNanos).sum();
        assertTrue(total >= topology.cpuCount() * (TEN_SECONDS - SimCore.TICK_NANOS), "machine busy: " + total);
        assertTrue(jain >= bound, "Jain " + jain + " < " + bound);
        assertTrue(min >= TEN_SECONDS / 4, "a hog got only " + min + " ns");
    }
}
