package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.block.BlockOp;
import org.odonata.api.kthread.KernelThreads;

/**
 * Disk completions run in the disk's interrupt thread on the CPU its interrupt is routed to, and that thread preempts
 * the running thread exactly when DragonFly's {@code lwkt_preempt} ({@code sys/kern/lwkt_thread.c}) lets it: a
 * strictly higher {@code td_pri}, the running thread outside every critical section, the interrupt thread holding no
 * tokens. The running thread here is a kernel thread computing in the kernel on CPU 1 for 2 ms; an NVMe read issued
 * from CPU 0 completes about 20 µs later.
 */
class InterruptThreadTest {

    private static final long BURST = 6_000_000; // 2 ms at 3 GHz

    /** What the completion callbacks saw: virtual time, CPU, and the name of the thread they ran in. */
    record Seen(long time, int cpu, String thread) {
    }

    @Test
    void aDiskCompletionPreemptsAKernelThreadComputingOnItsCpu() {
        try (SimKernel k = Machines.bootWithDisk("smp-4", 1)) {
            BlockIo io = k.blockIo();
            io.routeInterrupt("da0", 1);
            long[] burst = new long[2];
            List<Seen> seen = new ArrayList<>();
            kthread(k, 1, kt -> {
                burst[0] = k.now();
                kt.compute(BURST);
                burst[1] = k.now();
            });
            read(k, 0, 0, seen);
            k.runFor(Machines.ms(5));
            assertEquals(1, seen.size(), seen.toString());
            Seen done = seen.getFirst();
            assertEquals(1, done.cpu());
            assertTrue(done.thread().startsWith("ithread0 1"), done.thread());
            assertTrue(done.time() < 100_000, "completion handled at " + done.time() + " ns, not after the burst");
            assertTrue(burst[1] - burst[0] > 2_000_000, "the preempted burst resumed where it stopped: "
                    + (burst[1] - burst[0]));
            assertEquals(1, k.counters().get("lwkt.preempt_hit"));
            assertEquals(1, k.counters().get("intr.0.count"));
        }
    }

    @Test
    void aCriticalSectionHoldsTheInterruptUntilItsEndThenItPreempts() {
        try (SimKernel k = Machines.bootWithDisk("smp-4", 1)) {
            k.blockIo().routeInterrupt("da0", 1);
            long[] critEnd = new long[1];
            List<Seen> seen = new ArrayList<>();
            kthread(k, 1, kt -> {
                Td td = k.curthread("test");
                k.lwkt.critEnter(td);
                kt.compute(BURST);
                critEnd[0] = k.now();
                // crit_exit runs splz: the deferred interrupt is taken now and may preempt (ipl.s dofastunpend)
                k.lwkt.critExit(td);
                kt.compute(BURST);
            });
            read(k, 0, 0, seen);
            k.runFor(Machines.ms(6));
            assertEquals(1, seen.size(), seen.toString());
            assertTrue(seen.getFirst().time() >= critEnd[0], seen + " before the critical section ended at "
                    + critEnd[0]);
            assertTrue(seen.getFirst().time() < critEnd[0] + 50_000, seen + " long after crit_exit at " + critEnd[0]);
            assertEquals(1, k.counters().get("lwkt.preempt_hit"));
        }
    }

    @Test
    void aThreadOfEqualOrHigherPriorityIsNotPreempted() {
        try (SimKernel k = Machines.bootWithDisk("smp-4", 1)) {
            k.blockIo().routeInterrupt("da0", 1);
            long[] burstEnd = new long[1];
            List<Seen> seen = new ArrayList<>();
            kthread(k, 1, kt -> {
                k.lwkt.setpriSelf(k.curthread("test"), Tdpri.INT_HIGH);
                kt.compute(BURST);
                burstEnd[0] = k.now();
                kt.tsleep(kt.newIdent(), "done", 0);
            });
            read(k, 0, 0, seen);
            k.runFor(Machines.ms(5));
            assertEquals(1, seen.size(), seen.toString());
            assertTrue(seen.getFirst().time() >= burstEnd[0], seen + " ran before the INT_HIGH burst ended at "
                    + burstEnd[0]);
            assertEquals(0, k.counters().get("lwkt.preempt_hit"));
            assertTrue(k.counters().get("lwkt.preempt_miss") >= 1);
        }
    }

    @Test
    void thePreemptedThreadKeepsItsTokensAndAnInterruptThreadHoldingOneDoesNotPreempt() {
        try (SimKernel k = Machines.bootWithDisk("smp-4", 1)) {
            k.blockIo().routeInterrupt("da0", 1);
            long[] burstEnd = new long[1];
            List<Seen> seen = new ArrayList<>();
            kthread(k, 1, kt -> {
                kt.withToken("vm", false, () -> {
                    kt.compute(BURST);
                    burstEnd[0] = k.now();
                });
                kt.tsleep(kt.newIdent(), "done", 0);
            });
            KernelThreads kts = k.kthreads();
            BlockIo io = k.blockIo();
            kthread(k, 0, kt -> {
                // the first callback needs the token the preempted thread holds: it switches back to it, keeping a
                // tokref, so the second completion's interrupt cannot preempt (TD_TOKS_HELD in lwkt_preempt)
                io.strategy("da0", BlockOp.READ, 0, ByteBuffer.allocate(4096), false, bio -> {
                    seen.add(new Seen(k.now(), kts.mycpu(), "first-start"));
                    kts.withToken("vm", false, () -> seen.add(new Seen(k.now(), kts.mycpu(), "first-token")));
                });
                kt.tsleep(kt.newIdent(), "gap", 500_000);
                io.strategy("da0", BlockOp.READ, 4096, ByteBuffer.allocate(4096), false,
                        bio -> seen.add(new Seen(k.now(), kts.mycpu(), "second")));
            });
            k.runFor(Machines.ms(5));
            assertEquals(List.of("first-start", "first-token", "second"), seen.stream().map(Seen::thread).toList());
            assertTrue(seen.get(0).time() < 100_000, "the first completion preempted at once: " + seen);
            assertTrue(seen.get(1).time() >= burstEnd[0], "the token came only after the holder's burst: " + seen);
            assertTrue(seen.get(2).time() >= burstEnd[0], "the second completion did not preempt: " + seen);
            assertEquals(1, k.counters().get("lwkt.preempt_hit"));
            assertTrue(k.counters().get("lwkt.preempt_miss") >= 1);
        }
    }

    @Test
    void withPreemptionDisabledTheCompletionWaitsForTheNextSwitch() {
        try (SimKernel k = Machines.bootWithDisk("smp-4", 1)) {
            k.sysctl("lwkt.preempt_enable", 0);
            k.blockIo().routeInterrupt("da0", 1);
            long[] burstEnd = new long[1];
            List<Seen> seen = new ArrayList<>();
            kthread(k, 1, kt -> {
                kt.compute(BURST);
                burstEnd[0] = k.now();
                kt.tsleep(kt.newIdent(), "done", 0);
            });
            read(k, 0, 0, seen);
            k.runFor(Machines.ms(5));
            assertTrue(seen.getFirst().time() >= burstEnd[0], seen.toString());
            assertEquals(0, k.counters().get("lwkt.preempt_hit"));
        }
    }

    @Test
    void biowaitSleepsUntilTheInterruptThreadRanBiodone() {
        try (SimKernel k = Machines.bootWithDisk("smp-4", 1)) {
            BlockIo io = k.blockIo();
            assertEquals(List.of("da0"), io.devices());
            assertEquals(0, io.interruptCpu("da0"));
            ByteBuffer out = ByteBuffer.allocate(4096);
            out.put(0, (byte) 42);
            ByteBuffer in = ByteBuffer.allocate(4096);
            int[] errors = new int[2];
            Bio[] reads = new Bio[1];
            kthread(k, 2, kt -> {
                errors[0] = io.biowait(io.strategy("da0", BlockOp.WRITE, 8192, out, false, null), "biowr");
                reads[0] = io.strategy("da0", BlockOp.READ, 8192, in, false, null);
                errors[1] = io.biowait(reads[0], "biord");
            });
            k.runFor(Machines.ms(1));
            assertEquals(0, errors[0]);
            assertEquals(0, errors[1]);
            assertEquals(42, in.get(0));
            assertTrue(reads[0].done());
            assertEquals(0, reads[0].completionCpu());
            assertTrue(reads[0].completedAt() > reads[0].issuedAt());
            assertThrows(IllegalStateException.class, () -> io.biowait(reads[0], "host"));
            assertThrows(IllegalArgumentException.class,
                    () -> io.strategy("da9", BlockOp.READ, 0, ByteBuffer.allocate(512), false, null));
            assertThrows(IllegalArgumentException.class,
                    () -> io.strategy("da0", BlockOp.READ, 3, ByteBuffer.allocate(512), false, null));
        }
    }

    private static void kthread(SimKernel k, int cpu, java.util.function.Consumer<KernelThreads> body) {
        KernelThreads kt = k.kthreads();
        kt.create("test" + cpu, cpu, () -> body.accept(kt));
    }

    /** A read issued from a kernel thread on {@code cpu}, whose callback records where it ran. */
    private static void read(SimKernel k, int cpu, long offset, List<Seen> seen) {
        KernelThreads kts = k.kthreads();
        kthread(k, cpu, kt -> k.blockIo().strategy("da0", BlockOp.READ, offset, ByteBuffer.allocate(4096), false,
                bio -> seen.add(new Seen(k.now(), kts.mycpu(), k.curthread("callback").name))));
    }
}
