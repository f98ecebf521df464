package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kthread.KernelThreads;

/**
 * tsleep/wakeup as {@code sys/kern/kern_synch.c} has them: tsleep returns 0 when woken and EWOULDBLOCK when its
 * timeout fires; a wakeup before the timeout cancels the timer ({@code tsleep}'s {@code callout_stop}), so it
 * cannot end a later sleep; {@code wakeup} makes every sleeper on the ident runnable, on this CPU and others,
 * and {@code wakeup_one} one of them.
 */
class SleepQueuesTest {

    /** 100 µs of computing at 3 GHz. */
    private static final long US_100 = 300_000;

    @Test
    void tsleepReturnsZeroWhenWokenAndEwouldblockWhenItsTimeoutFires() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            long other = kt.newIdent();
            long[] seen = new long[4];
            kt.create("sleeper", 1, () -> {
                seen[0] = kt.tsleep(ident, "woken", Machines.ms(5));
                seen[1] = k.now();
                seen[2] = kt.tsleep(other, "timeout", Machines.ms(1));
                seen[3] = k.now() - seen[1];
            });
            kt.create("waker", 2, () -> {
                kt.compute(US_100);
                kt.wakeup(ident);
            });
            k.runFor(Machines.ms(10));
            assertEquals(0, seen[0], "woken before its timeout");
            assertTrue(seen[1] >= 100_000 && seen[1] < 200_000, "woke at " + seen[1]);
            assertEquals(SleepQueues.EWOULDBLOCK, seen[2], "nobody woke it");
            assertTrue(seen[3] >= Machines.ms(1) && seen[3] < Machines.ms(1) + 100_000, "slept " + seen[3]);
        }
    }

    @Test
    void aSleepWokenBeforeItsTimeoutLeavesNoTimerToEndALaterSleep() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long first = kt.newIdent();
            long second = kt.newIdent();
            long[] seen = new long[3];
            kt.create("sleeper", 1, () -> {
                seen[0] = kt.tsleep(first, "first", Machines.ms(1));
                // the first sleep's 1 ms timer would fire during this one, were it left armed
                seen[1] = kt.tsleep(second, "second", 0);
                seen[2] = k.now();
            });
            kt.create("waker", 2, () -> {
                kt.compute(US_100);
                kt.wakeup(first);
                kt.compute(US_100 * 30);
                kt.wakeup(second);
            });
            k.runFor(Machines.ms(10));
            assertEquals(0, seen[0]);
            assertEquals(0, seen[1], "the second sleep was ended by its wakeup, not by a stale timer");
            assertTrue(seen[2] >= 3_000_000, "the second sleep lasted until its wakeup, ended at " + seen[2]);
        }
    }

    @Test
    void wakeupWakesEverySleeperOnTheIdentHereAndElsewhereAndNoOther() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            long unrelated = kt.newIdent();
            List<String> woke = new ArrayList<>();
            for (String name : List.of("a1", "b1", "c1", "d3")) {
                int cpu = name.charAt(1) - '0';
                kt.create(name, cpu, () -> {
                    kt.tsleep(ident, "many", 0);
                    woke.add(name);
                });
            }
            kt.create("bystander", 1, () -> {
                kt.tsleep(unrelated, "other", 0);
                woke.add("bystander");
            });
            kt.create("waker", 1, () -> {
                kt.compute(US_100);
                kt.wakeup(ident);
            });
            k.runFor(Machines.ms(2));
            assertEquals(List.of("a1", "b1", "c1", "d3"), woke.stream().sorted().toList());
            assertEquals(4, k.sleepq.wakeups);
        }
    }

    @Test
    void wakeupOneWakesASingleSleeper() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            List<String> woke = new ArrayList<>();
            for (String name : List.of("first", "second", "third")) {
                kt.create(name, 1, () -> {
                    kt.tsleep(ident, "one", 0);
                    woke.add(name);
                });
            }
            kt.create("waker", 1, () -> {
                kt.compute(US_100);
                kt.wakeupOne(ident);
            });
            k.runFor(Machines.ms(2));
            assertEquals(List.of("first"), woke, "the first sleeper on the CPU, as PWAKEUP_ONE");
        }
    }

    /**
     * {@code wakeup_one} from a CPU with no sleeper on the ident passes {@code PWAKEUP_ONE} along with the
     * {@code _wakeup} IPI to every other CPU with sleepers in the bucket (kern_synch.c {@code _wakeup}, via
     * {@code lwkt_send_ipiq2_mask}): each of those wakes the first of its own sleepers, so one per CPU, not one in all.
     */
    @Test
    void wakeupOneWithNoSleeperHereWakesTheFirstSleeperOfEachOtherCpu() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            List<String> woke = new ArrayList<>();
            for (String name : List.of("a2", "b2", "c3")) {
                kt.create(name, name.charAt(1) - '0', () -> {
                    kt.tsleep(ident, "one", 0);
                    woke.add(name);
                });
            }
            long other = kt.newIdent();
            kt.create("elsewhere", 3, () -> {
                kt.tsleep(other, "all", 0);
                woke.add("elsewhere");
            });
            kt.create("waker", 0, () -> {
                kt.compute(US_100);
                // a plain wakeup to another CPU first: wakeup_one must not reuse its wake-all IPI function
                kt.wakeup(other);
                kt.compute(US_100);
                woke.remove("elsewhere");
                kt.wakeupOne(ident);
                kt.compute(US_100 * 10);
                kt.wakeupOne(ident);
            });
            k.runFor(Machines.ms(1));
            assertEquals(List.of("a2", "c3"), woke.stream().sorted().toList(), "the first sleeper on CPU 2 and on CPU 3");
            k.runFor(Machines.ms(1));
            assertEquals(List.of("a2", "b2", "c3"), woke.stream().sorted().toList(), "the second wakeup_one: b2");
            k.checkConservation();
        }
    }

    /** {@code _wakeup} walks the CPU's sleep queue from its head: sleepers on one ident run in the order they slept. */
    @Test
    void sleepersOnOneCpuWakeInTheOrderTheySlept() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            List<String> woke = new ArrayList<>();
            for (String name : List.of("first", "second", "third", "fourth")) {
                kt.create(name, 2, () -> {
                    kt.tsleep(ident, "fifo", 0);
                    woke.add(name);
                });
            }
            kt.create("waker", 0, () -> {
                kt.compute(US_100);
                kt.wakeup(ident);
            });
            k.runFor(Machines.ms(1));
            assertEquals(List.of("first", "second", "third", "fourth"), woke);
        }
    }

    /**
     * A wakeup from no CPU at all (a device or vkernel callback on the host thread) reaches the sleepers of every CPU,
     * each CPU by a message in its own queue, and records no CPU as the waker.
     */
    @Test
    void aWakeupFromOutsideEveryCpuReachesTheSleepersOfEveryCpu() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            Td[] sleepers = new Td[2];
            List<String> woke = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int me = i;
                kt.create("s" + (2 * i), 2 * i, () -> {
                    sleepers[me] = k.curthread("test");
                    kt.tsleep(ident, "device", 0);
                    woke.add("s" + (2 * me) + " on " + kt.mycpu());
                });
            }
            k.runFor(Machines.ms(1));
            assertEquals(List.of(), woke);
            long messages = k.ipiq.messages;
            k.sleepq.wakeup(-1, ident);
            k.runFor(Machines.ms(1));
            assertEquals(List.of("s0 on 0", "s2 on 2"), woke.stream().sorted().toList());
            assertEquals(messages + 2, k.ipiq.messages, "one _wakeup message for each CPU with a sleeper");
            assertEquals(-1, sleepers[0].wakefromcpu);
            assertEquals(-1, sleepers[1].wakefromcpu);
        }
    }

    /**
     * A sleep after a timed-out one that a wakeup ends returns 0: {@code endtsleep}'s {@code TDF_TIMEOUT} is cleared
     * by the tsleep that saw it, not left for the next.
     */
    @Test
    void aWokenSleepAfterATimedOutOneReturnsZero() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long ident = kt.newIdent();
            int[] seen = {-1, -1};
            kt.create("sleeper", 1, () -> {
                seen[0] = kt.tsleep(ident, "first", Machines.ms(1) / 10);
                seen[1] = kt.tsleep(ident, "second", Machines.ms(5));
            });
            kt.create("waker", 2, () -> {
                kt.compute(US_100 * 6);
                kt.wakeup(ident);
            });
            k.runFor(Machines.ms(2));
            assertEquals(SleepQueues.EWOULDBLOCK, seen[0]);
            assertEquals(0, seen[1], "woken at 600 us, long before its 5 ms timeout");
        }
    }

    /** Idents that all fall in one sleep-queue bucket, far from the kernel's own. */
    private static long[] collidingIdents(int n) {
        long[] out = new long[n];
        int b = -1;
        int found = 0;
        for (long ident = 1L << 40; found < n; ident++) {
            if (b < 0) {
                b = SleepQueues.hash(ident);
            }
            if (SleepQueues.hash(ident) == b) {
                out[found++] = ident;
            }
        }
        return out;
    }

    /**
     * The per-CPU ident cache of a bucket ({@code ident0..3} in kern_synch.c): a wakeup sends no {@code _wakeup}
     * message to a CPU whose sleepers in that bucket wait on other idents; a fifth distinct ident marks the bucket
     * collided, and from then on every wakeup hashing there reaches that CPU, until its bucket empties and the cache
     * starts over.
     */
    @Test
    void theIdentCacheSparesACpuUntilItsBucketCollidesAndForgetsWhenTheBucketEmpties() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long[] idents = collidingIdents(6);
            long nobody = idents[5];
            for (int i = 0; i < 4; i++) {
                long ident = idents[i];
                kt.create("s" + i, 2, () -> kt.tsleep(ident, "cached", 0));
            }
            long[] messages = new long[4];
            kt.create("waker", 1, () -> {
                kt.compute(US_100);
                messages[0] = k.ipiq.messages;
                kt.wakeup(nobody);
                messages[0] = k.ipiq.messages - messages[0];
                kt.create("s4", 2, () -> kt.tsleep(idents[4], "collides", 0));
                kt.compute(US_100);
                messages[1] = k.ipiq.messages;
                kt.wakeup(nobody);
                messages[1] = k.ipiq.messages - messages[1];
                for (int i = 0; i < 5; i++) {
                    kt.wakeup(idents[i]);
                }
                kt.compute(US_100);
                kt.create("again", 2, () -> kt.tsleep(idents[0], "fresh", 0));
                kt.compute(US_100);
                messages[2] = k.ipiq.messages;
                kt.wakeup(nobody);
                messages[2] = k.ipiq.messages - messages[2];
                messages[3] = k.sleepq.wakeups;
            });
            k.runFor(Machines.ms(2));
            assertEquals(0, messages[0], "four idents cached on CPU 2, none of them this one");
            assertEquals(1, messages[1], "a fifth ident: the bucket collided, CPU 2 must look");
            assertEquals(0, messages[2], "the bucket emptied and cached only its new sleeper's ident");
            assertEquals(5, messages[3], "the five sleepers, and nobody on the ident no one sleeps on");
        }
    }

    /**
     * The cost of {@code _wakeup}'s reach (the model's price, kern_synch.c's work): a wakeup whose bucket has sleepers
     * on other CPUs loads the {@code slpque_cpumasks} line and reads each such CPU's bucket, a line transfer from it,
     * even when the ident cache then spares the IPI; a wakeup whose bucket nobody ever slept in costs neither.
     */
    @Test
    void aWakeupPaysForTheCpusItChecksEvenWhenNoIpiIsSent() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long[] idents = collidingIdents(2);
            long sleptOn = idents[0];
            long checked = idents[1];
            long fresh = sleptOn + 1;
            while (SleepQueues.hash(fresh) == SleepQueues.hash(sleptOn)) {
                fresh++;
            }
            long untouched = fresh;
            for (int c = 1; c < 4; c++) {
                kt.create("s" + c, c, () -> kt.tsleep(sleptOn, "elsewhere", 0));
            }
            long[] took = new long[3];
            kt.create("waker", 0, () -> {
                kt.compute(US_100);
                long t0 = k.now();
                kt.wakeup(untouched);
                kt.compute(0);
                took[0] = k.now() - t0;
                long messages = k.ipiq.messages;
                t0 = k.now();
                kt.wakeup(checked);
                kt.compute(0);
                took[1] = k.now() - t0;
                took[2] = k.ipiq.messages - messages;
            });
            k.runFor(Machines.ms(1));
            long transfers = 0;
            for (int c = 1; c < 4; c++) {
                transfers += k.machine.costs().line(k.machine.topology().distance(0, c));
            }
            assertEquals(0, took[2], "the ident caches spared every CPU");
            assertEquals(3, k.threads().stream().filter(t -> t.name().startsWith("s")).filter(
                    t -> "elsewhere".equals(t.wmesg())).count(), "nobody woke");
            assertTrue(took[1] - took[0] > k.machine.costs().nanos(transfers), "the checks of three CPUs cost "
                    + (took[1] - took[0]) + " ns, more than three bucket reads (" + transfers + " cycles) and the mask");
        }
    }
}
