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
}
