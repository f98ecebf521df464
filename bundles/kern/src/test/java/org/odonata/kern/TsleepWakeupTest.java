package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.ThreadState;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.kern.workload.Workloads;

class TsleepWakeupTest {

    @Test
    void nanosleepWakesAtItsDeadlineAndTheCpuHaltsMeanwhile() {
        try (SimKernel k = Machines.boot("uniprocessor", 1)) {
            long[] woke = new long[1];
            k.spawn("sleeper", sys -> {
                long t0 = sys.now();
                sys.nanosleep(5_000_000);
                woke[0] = sys.now() - t0;
            });
            k.runFor(Machines.ms(2));
            assertEquals(ThreadState.SLEEPING, k.threads().stream().filter(t -> t.pid() == 1).findFirst()
                    .orElseThrow().state());
            assertEquals("nanslp", k.threads().stream().filter(t -> t.pid() == 1).findFirst().orElseThrow().wmesg());
            long halts = k.gd(0).halts;
            k.runFor(Machines.ms(8));
            assertTrue(woke[0] >= 5_000_000 && woke[0] < 5_100_000, "slept " + woke[0]);
            assertTrue(k.gd(0).halts > halts, "the idle thread halted while the only process slept");
        }
    }

    /**
     * A broadcaster writes a byte into each of seven pipes per round; each pipe's reader is a child that the idle CPUs'
     * helper threads picked up, so most wakeups reach another CPU by IPI, and back-to-back ones to a CPU coalesce.
     */
    @Test
    void remoteWakeupsGoThroughIpiQueuesAndCoalesceUnderLoad() {
        try (SimKernel k = Machines.boot("laptop-4c8t", 9)) {
            long[] reads = new long[1];
            k.spawn("broadcaster", sys -> {
                int n = 7;
                int[][] pipes = new int[n][];
                for (int i = 0; i < n; i++) {
                    pipes[i] = sys.pipe();
                }
                for (int i = 0; i < n; i++) {
                    int r = pipes[i][0];
                    sys.fork(c -> {
                        byte[] b = new byte[1];
                        while (c.read(r, b, 0, 1) > 0) {
                            reads[0]++;
                            c.compute(2_000);
                        }
                    });
                }
                byte[] one = {1};
                while (true) {
                    for (int[] p : pipes) {
                        sys.write(p[1], one, 0, 1);
                    }
                    sys.compute(20_000);
                }
            });
            k.runFor(Machines.ms(40));
            k.checkConservation();
            var s = k.stats();
            assertTrue(reads[0] > 2_000, "reads " + reads[0]);
            assertTrue(s.wakeups() > 2_000, s.toString());
            assertTrue(s.ipisSent() > 200, s.toString());
            assertTrue(s.ipisAvoided() > 0, s.toString());
            assertTrue(s.ipiMessages() >= s.ipisSent() + s.ipisAvoided(), s.toString());
        }
    }

    @Test
    void theIdentCacheSparesCpusThatCannotHoldTheIdent() {
        try (SimKernel k = Machines.boot("smp-4", 9)) {
            Workloads.start(k, "pingpong", List.of("--pairs", "3"));
            k.runFor(Machines.ms(50));
            // a wakeup on a pipe whose peer is on another CPU checks other CPUs' buckets and finds nothing there
            assertTrue(k.sleepq.wakeupIpis > 0);
            assertTrue(k.sleepq.wakeups > 1000);
            // tsleep_interlock's ATOMIC_CPUMASK_ORBIT and the NANDBIT of an emptied bucket keep each
            // slpque_cpumasks line counting the CPUs with sleepers in that bucket
            k.checkConservation();
        }
    }

    /**
     * sched_yield hands the CPU to the other queued process. Until the first hardclock the second process runs alone:
     * designated at KERN_USER before it ever ran, it drops behind the first at USER_NORM ({@code generic_lwp_return}'s
     * {@code lwkt_setpri_self}, which asks for no reschedule), and the first, LWKT-runnable but not queued, waits for
     * {@code lwkt_schedulerclock}'s reschedule of a CPU that does not run its head; from then on they alternate.
     */
    @Test
    void schedYieldHandsTheCpuToAnotherProcess() {
        try (SimKernel k = Machines.boot("uniprocessor", 1)) {
            long[] ops = new long[2];
            for (int i = 0; i < 2; i++) {
                int me = i;
                k.spawn("yielder", sys -> {
                    while (true) {
                        sys.compute(3_000);
                        ops[me]++;
                        sys.schedYield();
                    }
                });
            }
            k.runFor(Machines.ms(11));
            long[] first = ops.clone();
            k.runFor(Machines.ms(10));
            long a = ops[0] - first[0];
            long b = ops[1] - first[1];
            assertTrue(a > 100 && b > 100, a + " " + b);
            assertTrue(Math.abs(a - b) <= 2, a + " " + b);
            k.checkConservation();
        }
    }
}
