package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.KernelStats;
import org.odonata.api.kern.TraceSink;
import org.odonata.kern.workload.Workloads;

/**
 * The stable tracepoints at IPIs and tokens: one event per IPI the kernel counts as sent, per acquisition and per
 * collision; receives drain what was sent; a sink changes nothing.
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
}
