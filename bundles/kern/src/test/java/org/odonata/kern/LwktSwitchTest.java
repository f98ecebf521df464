package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.sync.TokenLock;

/**
 * {@code lwkt_switch} ({@code sys/kern/lwkt_thread.c}) with contended tokens, and {@code lwkt_yield}. On CPU 0 a
 * thread T (KERN_DAEMON) asks for the vm token, which a thread on CPU 1 holds for 30 ms; a second thread U on CPU 0
 * records when it runs.
 */
class LwktSwitchTest {

    private static final long BOUND = TokenLock.boundedSpinNanos(org.odonata.api.cost.CostModel.defaults());

    /** Starts a kernel thread at {@code pri} and {@code upri} on {@code cpu}. */
    private static void thread(SimKernel k, String name, int cpu, int pri, int upri, Runnable body) {
        Td td = k.newKernelThread(name, k.gd(cpu), pri);
        td.upri = upri;
        k.startKernelThread(td, body);
        k.lwkt.schedule(-1, td);
    }

    /** U's run times on CPU 0 while T, on CPU 0 from 1 ms, waits for the vm token that CPU 1 holds until 30 ms. */
    private static List<Long> runsWhileContended(SimKernel k, int upri, int upriPri) {
        KernelThreads kt = k.kthreads();
        List<Long> runs = new ArrayList<>();
        thread(k, "holder", 1, Tdpri.KERN_DAEMON, 0, () -> kt.withToken("vm", false, () -> kt.compute(90_000_000)));
        thread(k, "T", 0, Tdpri.KERN_DAEMON, 0, () -> {
            kt.tsleep(kt.newIdent(), "start", 1_000_000);
            kt.withToken("vm", false, () -> { });
        });
        thread(k, "U", 0, upriPri, upri, () -> {
            while (true) {
                runs.add(k.now());
                kt.compute(30_000);
                kt.yield();
            }
        });
        k.runFor(Machines.ms(40));
        return runs;
    }

    /** The longest stretch U did not run, and when it began. */
    private static long[] longestGap(List<Long> runs) {
        long[] gap = {0, 0};
        for (int i = 1; i < runs.size(); i++) {
            long g = runs.get(i) - runs.get(i - 1);
            if (g > gap[0]) {
                gap[0] = g;
                gap[1] = runs.get(i - 1);
            }
        }
        return gap;
    }

    /**
     * The head is retried while its {@code td_contended} stays below {@code lwkt.spin_loops >> 1} (5), each attempt
     * spinning DragonFly's bounded spin on its last token, after the spin {@code lwkt_gettoken} itself made: U, of the
     * same priority class (KERN_USER is not skipped), waits about six bounded spins, then runs while T keeps failing.
     */
    @Test
    void aContendedHeadIsRetriedSpinLoopsOverTwoTimesBeforeTheNextThreadRuns() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            long[] gap = longestGap(runsWhileContended(k, 0, Tdpri.KERN_USER));
            assertTrue(gap[1] >= 980_000 && gap[1] < 1_100_000, "U was stopped when T woke: " + gap[1]);
            assertTrue(gap[0] > 5 * BOUND && gap[0] < 6 * BOUND + 200_000,
                    "U waited " + gap[0] + " ns; six bounded spins are " + 6 * BOUND);
        }
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            k.sysctl("lwkt.spin_loops", 2);
            long[] gap = longestGap(runsWhileContended(k, 0, Tdpri.KERN_USER));
            assertTrue(gap[0] > BOUND && gap[0] < 2 * BOUND + 200_000, "spin_loops 2: one retry, " + gap[0] + " ns");
        }
    }

    /**
     * After the head, the scan skips a tokenless thread below {@code TDPRI_KERN_LPSCHED} whose upri is worse than
     * the best seen: such a U runs again only when T got its token (30 ms); with an equal upri it is not skipped.
     */
    @Test
    void theScanSkipsLowPriorityTokenlessThreadsWithAWorseUpri() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            long[] gap = longestGap(runsWhileContended(k, -200, Tdpri.USER_NORM));
            assertTrue(gap[1] >= 980_000 && gap[1] < 1_100_000 && gap[1] + gap[0] >= 30_000_000,
                    "U (worse upri) ran again only after the holder let go: " + gap[0] + " ns from " + gap[1]);
        }
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            long[] gap = longestGap(runsWhileContended(k, 0, Tdpri.USER_NORM));
            assertTrue(gap[0] < 6 * BOUND + 200_000, "an equal upri is not skipped: " + gap[0] + " ns");
        }
    }

    /** {@code lwkt_yield} switches only when an LWKT reschedule is wanted: typically once per hardclock tick. */
    @Test
    void lwktYieldSwitchesOnlyWhenARescheduleIsWanted() {
        try (SimKernel k = Machines.boot("uniprocessor", 1)) {
            KernelThreads kt = k.kthreads();
            long[] yields = new long[1];
            for (int i = 0; i < 2; i++) {
                thread(k, "yielder" + i, 0, Tdpri.KERN_DAEMON, 0, () -> {
                    while (true) {
                        kt.compute(3_000);
                        yields[0]++;
                        kt.yield();
                    }
                });
            }
            long switches = k.stats().contextSwitches();
            k.runFor(Machines.ms(100));
            long made = k.stats().contextSwitches() - switches;
            assertTrue(yields[0] > 50_000, "yields " + yields[0]);
            // lwkt_schedulerclock rotates equal priorities every tick: about one switch per 10 ms tick
            assertTrue(made >= 8 && made <= 30, made + " switches for " + yields[0] + " yields");
        }
    }
}
