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
    @Test
    void aPassiveSendRaisesAnInterruptOnceItsRingHoldsPassiveLimitMessages() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long[] raised = new long[IpiQueues.PASSIVE_LIMIT];
            kt.create("sender", 0, () -> {
                long base = k.ipiq.ipisSent + k.ipiq.ipisAvoided;
                for (int i = 0; i < IpiQueues.PASSIVE_LIMIT; i++) {
                    k.ipiq.send(0, 3, (gd, arg) -> { }, null, true);
                    raised[i] = k.ipiq.ipisSent + k.ipiq.ipisAvoided - base;
                }
            });
            k.runFor(Machines.ms(1));
            assertEquals(0, raised[IpiQueues.PASSIVE_LIMIT - 2], "below PASSIVE_LIMIT a passive send waits for a poll");
            assertEquals(1, raised[IpiQueues.PASSIVE_LIMIT - 1], "the PASSIVE_LIMIT-th message raises XIPIQ");
            assertFalse(k.ipiq.pending(3));
        }
    }

    /**
     * lwkt_send_ipiq3: a sender whose ring to the target is more than half full drains its own incoming queues
     * first, so two CPUs filling each other's rings cannot deadlock; past MAXCPUFIFO the model queues anyway and
     * counts an overflow.
     */
    @Test
    void aSenderFacingAFullRingDrainsItsOwnQueuesFirstAndOverflowsAreCounted() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            int total = IpiQueues.MAXCPUFIFO + 10;
            int[] sent = new int[1];
            int[] drainedAt = {-1, -1};
            long[] overflows = new long[2];
            List<Ran> ran = new ArrayList<>();
            kt.create("sender", 0, () -> {
                // a message for CPU 0 from CPU 2, passive: nothing interrupts CPU 0 for it
                k.ipiq.send(2, 0, (gd, arg) -> {
                    drainedAt[0] = sent[0];
                    drainedAt[1] = gd.cpu;
                }, null, true);
                overflows[0] = k.ipiq.overflows;
                for (sent[0] = 0; sent[0] < total; sent[0]++) {
                    k.ipiq.send(0, 1, (gd, arg) -> ran.add(new Ran(gd.cpu, k.now())), null, false);
                }
                overflows[1] = k.ipiq.overflows;
            });
            k.runFor(Machines.ms(1));
            assertEquals(IpiQueues.DRAIN_LIMIT + 1, drainedAt[0],
                    "drained when the ring to CPU 1 held more than DRAIN_LIMIT messages");
            assertEquals(0, drainedAt[1], "on the sender's CPU");
            assertEquals(total - IpiQueues.MAXCPUFIFO, overflows[1] - overflows[0]);
            assertEquals(total, ran.size(), "every message ran, none lost to the overflow");
            assertTrue(ran.stream().allMatch(r -> r.cpu() == 1));
        }
    }

    /**
     * lwkt_process_ipiq: the receiver takes its sources upward from its own CPU and wraps around, so CPU 0 is not
     * favoured; each ring runs in FIFO order, up to the {@code windex} read when the ring was reached (a message queued
     * by a message it runs waits for the next pass).
     */
    @Test
    void theReceiverTakesTheSourcesAboveItselfFirstThenWrapsAndEachRingInOrder() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            List<String> ran = new ArrayList<>();
            kt.create("sender", 1, () -> {
                for (int src : new int[] {0, 3, 2}) {
                    for (int m = 0; m < 2; m++) {
                        String tag = src + "." + m;
                        k.ipiq.send(src, 1, (gd, arg) -> {
                            ran.add(tag + "@" + gd.cpu);
                            if (tag.equals("3.0")) {
                                k.ipiq.send(3, 1, (g, a) -> ran.add("3.late@" + g.cpu), null, true);
                            }
                        }, null, true);
                    }
                }
                assertTrue(k.ipiq.pending(1));
                k.ipiq.process(k.gd(1));
                assertFalse(k.ipiq.pending(1));
            });
            k.runFor(Machines.ms(1));
            assertEquals(List.of("2.0@1", "2.1@1", "3.0@1", "3.1@1", "0.0@1", "0.1@1", "3.late@1"), ran);
        }
    }

    /**
     * A send from the host thread (boot or swap time, no current CPU) goes through the target's own ring and
     * interrupts it, as a self-IPI would; the function runs on the target.
     */
    @Test
    void aSendFromOutsideEveryCpuInterruptsTheTargetAndRunsThere() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            List<Ran> ran = new ArrayList<>();
            k.runFor(Machines.ms(1));
            long sent = k.ipiq.ipisSent;
            long messages = k.ipiq.messages;
            long t0 = k.now();
            k.ipiq.send(-1, 2, (gd, arg) -> ran.add(new Ran(gd.cpu, k.now())), null, false);
            assertEquals(sent + 1, k.ipiq.ipisSent, "an XIPIQ raised");
            assertEquals(messages + 1, k.ipiq.messages);
            assertTrue(k.ipiq.pending(2));
            assertEquals(List.of(), ran, "not run in the caller");
            k.runFor(Machines.ms(1));
            assertEquals(1, ran.size());
            assertEquals(2, ran.get(0).cpu());
            assertTrue(ran.get(0).at() - t0 < 50_000, "delivered by the interrupt, not a later poll: " + ran);
        }
    }

    /**
     * On a machine of more than 64 CPUs {@code gd_ipimask} spans several words: sources in every word are found, above
     * the receiver first and then from CPU 0 up.
     */
    @Test
    void sourcesAreFoundAcrossTheWordsOfALargeMachinesIpiMask() {
        try (SimKernel k = Machines.boot("epyc-2s128c256t", 1)) {
            KernelThreads kt = k.kthreads();
            List<Integer> from = new ArrayList<>();
            kt.create("sender", 100, () -> {
                for (int src : new int[] {5, 255, 70, 130, 64, 99, 101, 200}) {
                    k.ipiq.send(src, 100, (gd, arg) -> from.add(src), null, true);
                }
                k.ipiq.process(k.gd(100));
            });
            k.runFor(Machines.ms(1));
            assertEquals(List.of(101, 130, 200, 255, 5, 64, 70, 99), from);
            List<Integer> toLast = new ArrayList<>();
            kt.create("sender2", 255, () -> {
                for (int src : new int[] {200, 3, 130}) {
                    k.ipiq.send(src, 255, (gd, arg) -> toLast.add(src), null, true);
                }
                k.ipiq.process(k.gd(255));
            });
            k.runFor(Machines.ms(1));
            assertEquals(List.of(3, 130, 200), toLast, "the last CPU has nobody above it: from CPU 0 up");
        }
    }

    /**
     * The price of a message (lwkt_send_ipiq3 writes the slot and {@code ip_windex}, lwkt_process_ipiq reads
     * {@code windex}): the sender pays a store on its ring's line, the receiver a load of a line the sender wrote.
     */
    @Test
    void theSenderPaysForItsStoreAndTheReceiverForReadingTheRing() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            KernelThreads kt = k.kthreads();
            long[] took = new long[2];
            kt.create("sender", 0, () -> {
                kt.compute(0); // settles what the thread owes so far
                long t0 = k.now();
                k.ipiq.send(0, 2, (gd, arg) -> { }, null, true);
                kt.compute(0);
                took[0] = k.now() - t0;
            });
            kt.create("receiver", 1, () -> {
                k.ipiq.send(3, 1, (gd, arg) -> { }, null, true);
                kt.compute(0);
                long t0 = k.now();
                k.ipiq.process(k.gd(1));
                kt.compute(0);
                took[1] = k.now() - t0;
            });
            k.runFor(Machines.ms(1));
            assertTrue(took[0] > 0, "a send is not free");
            assertTrue(took[1] >= k.machine.costs().nanos(k.machine.costs().line(k.machine.topology().distance(1, 3))),
                    "reading CPU 3's windex is a transfer from CPU 3: " + took[1] + " ns");
        }
    }
}
