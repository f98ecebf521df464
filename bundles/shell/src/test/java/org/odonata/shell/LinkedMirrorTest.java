package org.odonata.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The link {@code --link} describes, and the lag statistics mirror-stream prints. */
class LinkedMirrorTest {

    @Test
    void aLinkIsABandwidthAndALatencyWhoseQuantumNeverExceedsTheLatency() {
        LinkedMirror.Link l = LinkedMirror.Link.parse("1Gbit/s,50us");
        assertEquals(1_000_000_000L, l.bitsPerSecond());
        assertEquals(50_000L, l.latencyNanos());
        assertEquals(50_000L, l.quantum(), "a message sent in a quantum arrives after its end");
        assertEquals(100_000L, LinkedMirror.Link.parse("10Mbit/s").latencyNanos(), "100us by default");
        assertEquals(LinkedMirror.MAX_QUANTUM_NANOS, LinkedMirror.Link.parse("1Gbit/s,20ms").quantum());
        assertEquals(LinkedMirror.MIN_QUANTUM_NANOS, LinkedMirror.Link.parse("1Gbit/s,0ns").quantum());
        assertEquals("1 Gbit/s, 50us latency", l.toString());
    }

    @Test
    void serialisationIsBytesOverBandwidthRoundedUp() {
        LinkedMirror.Link gigabit = LinkedMirror.Link.parse("1Gbit/s,100us");
        assertEquals(8_000_000L, gigabit.serialisationNanos(1_000_000), "1 MB takes 8 ms at 1 Gbit/s");
        assertEquals(8L, gigabit.serialisationNanos(1), "8 bits take 8 ns");
        assertEquals(3L, LinkedMirror.Link.parse("3Gbit/s").serialisationNanos(1), "8/3 ns rounds up to 3");
    }

    @Test
    void malformedLinksAreRefusedInOneLine() {
        assertEquals("--link bandwidth: expected a bandwidth such as 1Gbit/s, 100Mbit/s or 12.5MB/s, got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> LinkedMirror.Link.parse("fast")).getMessage());
        assertEquals("--link latency: expected a duration such as 500ms, 1.5s, 20us or 100ns, got 'soon'",
                assertThrows(IllegalArgumentException.class, () -> LinkedMirror.Link.parse("1Gbit/s,soon"))
                        .getMessage());
        assertEquals("--link: expected BANDWIDTH[,LATENCY] such as 1Gbit/s,100us, got '1Gbit/s,1us,2us'",
                assertThrows(IllegalArgumentException.class, () -> LinkedMirror.Link.parse("1Gbit/s,1us,2us"))
                        .getMessage());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, LinkedMirror.percentile(sorted, 50));
        assertEquals(10, LinkedMirror.percentile(sorted, 99));
        assertEquals(7, LinkedMirror.percentile(new long[] {7}, 99));
    }
}
