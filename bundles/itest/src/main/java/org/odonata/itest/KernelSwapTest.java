package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * Boots a kernel from Gogo, runs a workload, swaps the scheduler and the token implementation while it runs,
 * stops the active scheduler's bundle mid-run and starts it again, and checks that every thread is still there.
 */
class KernelSwapTest {

    @Test
    void swapsAndABundleStopMidRunLoseNoThread() throws Exception {
        assertTrue(Framework.run("kern:boot --preset laptop-4c8t --sched fifo --sync lwkt --seed 3")
                .contains("scheduler fifo"));
        Framework.run("kern:run cpuhog 12 --for 200ms");
        Framework.run("kern:run tokens 4 --hold 50us --for 100ms");
        int threads = threadCount();
        assertTrue(threads >= 16, "cpuhog 12 and tokens 4 run: " + threads + " threads");

        assertTrue(Framework.run("sched:use bsd4").contains("fifo -> bsd4"));
        assertTrue(Framework.run("sync:use mcs").contains("lwkt -> mcs"));
        Framework.run("kern:go");
        assertTrue(Framework.run("sched:use fifo").contains("bsd4 -> fifo"));

        Bundle fifo = Framework.bundle("org.odonata.sched.fifo");
        fifo.stop();
        assertTrue(Framework.run("kern:machines").contains(" dfly "), "back to the reference scheduler");
        fifo.start();
        assertTrue(Framework.run("kern:machines").contains(" fifo "), "the wanted scheduler is back");
        Framework.run("kern:pause");

        assertEquals(threads, threadCount(), "no thread lost or duplicated across swaps and a bundle stop");
        String stats = Framework.run("kern:stats");
        assertTrue(stats.strip().lines().reduce((a, b) -> b).orElseThrow().matches("digest: [0-9a-f]+"), stats);
    }

    private static int threadCount() throws Exception {
        return (int) Framework.run("kern:ps").lines().skip(1).filter(l -> !l.isBlank()).count();
    }
}
