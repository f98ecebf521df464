package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.api.kthread.KernelThreads;

/**
 * tsleep for an LWP ({@code sys/kern/kern_synch.c}): it sleeps at kernel priority ({@code TDPRI_KERN_USER}, so it
 * wakes ahead of user-mode threads, as {@code lwkt_passive_release} leaves it), and the time it slept is measured
 * from its tsleep to its wakeup, for the user scheduler ({@code SchedThread.lastSleepNanos}).
 */
class SleepAccountingTest {

    @Test
    void anLwpSleepsAtKernelPriorityAndItsSleepIsTimedFromTsleepToWakeup() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            Td[] sleeper = new Td[1];
            long[] seen = new long[4];
            k.spawn("sleeper", sys -> {
                sleeper[0] = k.curthread("test");
                sys.compute(30_000);
                sys.nanosleep(2_000_000);
                seen[1] = sleeper[0].lwp.lastSleepNanos;
                while (true) {
                    sys.compute(1_000_000);
                }
            });
            kt.create("observer", 2, () -> {
                kt.compute(3_000_000);
                seen[2] = sleeper[0].pri;
                seen[3] = sleeper[0].sleeping ? 1 : 0;
            });
            k.runFor(Machines.ms(5));
            assertEquals(1, seen[3], "asleep when observed, 1 ms into its sleep");
            assertEquals(Tdpri.KERN_USER, seen[2], "an LWP sleeps at TDPRI_KERN_USER");
            assertTrue(seen[1] >= 2_000_000 && seen[1] < 2_100_000, "slept " + seen[1] + " ns of its 2 ms");
        }
    }
}
