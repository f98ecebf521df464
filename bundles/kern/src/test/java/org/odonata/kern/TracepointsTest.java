package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.block.BlockOp;
import org.odonata.api.kern.KernelStats;
import org.odonata.api.kern.TraceSink;
import org.odonata.kern.workload.Workloads;

/**
 * The stable tracepoints at IPIs, tokens and block I/O: one event per IPI the kernel counts as sent, per acquisition
 * and per collision; receives drain what was sent; one start at {@code dev_dstrategy} and one done at
 * {@code biodone} per request, at the times the request records; a sink changes nothing.
 */
class TracepointsTest {

    private static final class Counts implements TraceSink {
        long ipiSends;
        long ipiMessagesReceived;
        long acquires;
        long collides;
        long releases;
        long heldNanos;

        @Override
        public void ipiSend(long time, int fromCpu, int toCpu) {
            ipiSends++;
        }

        @Override
        public void ipiReceive(long time, int cpu, int fromCpu, int messages) {
            assertTrue(messages > 0);
            ipiMessagesReceived += messages;
        }

        @Override
        public void tokenAcquire(long time, int cpu, long tid, String token) {
            acquires++;
        }

        @Override
        public void tokenCollide(long time, int cpu, long tid, String token) {
            collides++;
        }

        @Override
        public void tokenRelease(long time, int cpu, long tid, String token, long held) {
            assertTrue(held >= 0);
            releases++;
            heldNanos += held;
        }
    }

    private static KernelStats run(Counts sink, String[] digest) {
        try (SimKernel k = Machines.boot("laptop-4c8t", 5)) {
            k.setTraceSink(sink);
            Workloads.start(k, "cpuhog", List.of("10"));
            Workloads.start(k, "pingpong", List.of());
            Workloads.start(k, "tokens", List.of("4", "--hold", "20us"));
            k.runFor(Machines.ms(60));
            digest[0] = k.digest();
            return k.stats();
        }
    }

    @Test
    void ipiAndTokenTracepointsMatchTheKernelsCountersAndChangeNothing() {
        Counts c = new Counts();
        String[] traced = new String[1];
        String[] plain = new String[1];
        KernelStats s = run(c, traced);
        run(null, plain);
        assertEquals(plain[0], traced[0], "a sink changes nothing");
        assertEquals(s.ipisSent(), c.ipiSends);
        assertTrue(c.ipiMessagesReceived > 0 && c.ipiMessagesReceived <= s.ipiMessages(), c.ipiMessagesReceived
                + " of " + s.ipiMessages());
        assertEquals(s.tokenAcquisitions(), c.acquires);
        assertEquals(s.tokenCollisions(), c.collides);
        assertTrue(c.releases > 0 && c.releases <= c.acquires && c.heldNanos > 0);
    }

    /** Block I/O events as the sink saw them: "start REQ OFFSET BYTES r|w @TIME" and "done REQ @TIME". */
    private static final class Io implements TraceSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void ioStart(long time, String device, long request, long offset, int bytes, boolean write) {
            events.add("start " + device + " " + request + " " + offset + " " + bytes + (write ? " w" : " r") + " @"
                    + time);
        }

        @Override
        public void ioDone(long time, String device, long request) {
            events.add("done " + device + " " + request + " @" + time);
        }
    }

    /** Two writes, a flush and a read of 4 KiB from a kernel thread, each waited for; the kernel's digest. */
    private static String io(TraceSink sink, List<Bio> bios) {
        try (SimKernel k = Machines.bootWithDisk("smp-4", 3)) {
            k.setTraceSink(sink);
            BlockIo io = k.blockIo();
            k.kthreads().create("io", 1, () -> {
                for (BlockOp op : List.of(BlockOp.WRITE, BlockOp.WRITE, BlockOp.FLUSH, BlockOp.READ)) {
                    Bio b = io.strategy("da0", op, 4096L * bios.size(), ByteBuffer.allocate(4096), false, null);
                    bios.add(b);
                    io.biowait(b, "iotest");
                }
            });
            k.runFor(Machines.ms(2));
            assertEquals(4L, k.counters().get("bio.completed"));
            return k.digest();
        }
    }

    @Test
    void eachBlockRequestStartsAtStrategyAndEndsAtBiodoneAsTheRequestRecordsIt() {
        Io sink = new Io();
        List<Bio> bios = new ArrayList<>();
        String traced = io(sink, bios);
        assertEquals(io(null, new ArrayList<>()), traced, "a sink changes nothing");
        List<String> expected = new ArrayList<>();
        for (Bio b : bios) {
            String id = sink.events.get(expected.size()).split(" ")[2];
            expected.add("start da0 " + id + " " + b.offset() + " " + b.length() + (b.cmd() == BlockOp.READ ? " r"
                    : " w") + " @" + b.issuedAt());
            expected.add("done da0 " + id + " @" + b.completedAt());
        }
        assertEquals(expected, sink.events);
        assertEquals(4, sink.events.stream().filter(e -> e.startsWith("start")).map(e -> e.split(" ")[2]).distinct()
                .count(), "every request has its own id");
        assertTrue(sink.events.get(4).startsWith("start da0 ") && sink.events.get(4).contains(" 0 0 w @"),
                "a flush is a write of 0 bytes: " + sink.events.get(4));
    }
}
