package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.vfs.RootFs;

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

    /**
     * kern_synch.c: {@code schedcpu} (once a second) tells the user scheduler about an LWP it finds asleep for the
     * first time ({@code uload_update}, its load leaves the CPU), and {@code tsleep} tells it again when that LWP
     * wakes ({@code if (lp->lwp_slptime) uload_update(lp)}); a sleep no pass saw costs the policy nothing.
     */
    @Test
    void aSleepThatASchedcpuPassSawIsReportedToTheSchedulerOnWakeAndAShortOneIsNot() {
        List<String> told = new ArrayList<>();
        UserSchedulerFactory recording = new UserSchedulerFactory() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public String description() {
                return "test FIFO recording uload_update";
            }

            @Override
            public UserScheduler create() {
                return new TestFifoScheduler() {
                    @Override
                    public void uloadUpdate(SchedThread t, boolean runnable) {
                        told.add(t.name() + (runnable ? " runnable" : " asleep") + " slptime " + t.slptime());
                    }
                };
            }
        };
        try (SimKernel k = new SimKernel(Machines.machine("uniprocessor", 1, EngineKind.CONTINUATION), recording,
                TestTasTokens.factory("tas"), Machines.LOCKS, Machines.vfs(), RootFs.TMPFS)) {
            List<String> done = new ArrayList<>();
            k.spawn("short", sys -> {
                sys.nanosleep(Machines.ms(10));
                done.add("short");
            });
            k.spawn("long", sys -> {
                sys.nanosleep(Machines.ms(1_500));
                done.add("long");
            });
            k.runFor(Machines.ms(900));
            assertEquals(List.of("short"), done);
            assertEquals(List.of(), told, "no schedcpu pass yet");
            k.runFor(Machines.ms(800));
            assertEquals(List.of("short", "long"), done);
            assertEquals(List.of("long asleep slptime 1", "long runnable slptime 1"), told);
        }
    }
}
