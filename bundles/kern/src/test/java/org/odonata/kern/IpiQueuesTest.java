package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kthread.KernelThreads;

/**
 * IPI message policy of {@code sys/kern/lwkt_ipiq.c}: a send to one's own CPU is a direct call; an active send
 * raises XIPIQ unless one is already on its way (then it is coalesced, counted as avoided); a passive send raises
 * nothing and waits for the target's next poll.
 */
class IpiQueuesTest {

    record Ran(int cpu, long at) {
    }

    @Test
    void aSendToOnesOwnCpuRunsAtOnceWithNoMessage() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            List<Ran> ran = new ArrayList<>();
            long[] counts = new long[4];
            kt.create("sender", 2, () -> {
                counts[0] = k.ipiq.messages;
                counts[1] = k.ipiq.ipisSent;
                k.ipiq.send(2, 2, (gd, arg) -> ran.add(new Ran(gd.cpu, k.now())), null, false);
                counts[2] = ran.size();
                counts[3] = k.ipiq.messages;
            });
            k.runFor(Machines.ms(1));
            assertEquals(1, counts[2], "ran before send returned");
            assertEquals(2, ran.get(0).cpu());
            assertEquals(counts[0], counts[3], "no message queued");
            assertEquals(counts[1], k.ipiq.ipisSent);
        }
    }

    @Test
    void anActiveSendInterruptsTheTargetAndASecondOneBeforeItRunsIsCoalesced() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            List<Ran> ran = new ArrayList<>();
            long[] before = new long[3];
            long[] after = new long[3];
            kt.create("sender", 0, () -> {
                before[0] = k.ipiq.ipisSent;
                before[1] = k.ipiq.ipisAvoided;
                before[2] = k.now();
                k.ipiq.send(0, 1, (gd, arg) -> ran.add(new Ran(gd.cpu, k.now())), null, false);
                k.ipiq.send(0, 1, (gd, arg) -> ran.add(new Ran(gd.cpu, k.now())), null, false);
                after[0] = k.ipiq.ipisSent;
                after[1] = k.ipiq.ipisAvoided;
                after[2] = k.ipiq.pending(1) ? 1 : 0;
            });
            k.runFor(Machines.ms(1));
            assertEquals(before[0] + 1, after[0], "one interrupt raised");
            assertEquals(before[1] + 1, after[1], "the second send rode on it");
            assertEquals(1, after[2], "both wait for CPU 1");
            assertEquals(2, ran.size());
            assertTrue(ran.stream().allMatch(r -> r.cpu() == 1 && r.at() - before[2] < 50_000), ran.toString());
            assertFalse(k.ipiq.pending(1));
        }
    }

    @Test
    void aPassiveSendRaisesNothingAndRunsAtTheTargetsNextPoll() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            List<Ran> ran = new ArrayList<>();
            long[] seen = new long[3];
            kt.create("sender", 0, () -> {
                seen[0] = k.ipiq.ipisSent + k.ipiq.ipisAvoided;
                k.ipiq.send(0, 3, (gd, arg) -> ran.add(new Ran(gd.cpu, k.now())), null, true);
                seen[1] = k.ipiq.ipisSent + k.ipiq.ipisAvoided;
                seen[2] = k.ipiq.pending(3) ? 1 : 0;
            });
            k.runFor(Machines.ms(30));
            assertEquals(seen[0], seen[1], "no interrupt, sent or coalesced");
            assertEquals(1, seen[2], "queued for CPU 3");
            assertEquals(1, ran.size(), "found at a later poll");
            assertEquals(3, ran.get(0).cpu());
        }
    }
}
