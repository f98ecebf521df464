package org.odonata.command.hammer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The link {@code --link} describes, and the percentiles the lag line prints. */
class MirrorLinkTest {

    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> MirrorLink.parse(text)).getMessage();
    }

    @Test
    void aLinkIsABandwidthAndALatency() {
        MirrorLink l = MirrorLink.parse("1Gbit/s,50us");
        assertEquals(1_000_000_000L, l.bitsPerSecond());
        assertEquals(50_000L, l.latencyNanos());
        assertEquals("1 Gbit/s, 50us latency", l.toString());
        assertEquals(100_000L, MirrorLink.parse("10Mbit/s").latencyNanos(), "100us by default");
        assertEquals("1 Gbit/s, 100us latency", MirrorLink.parse(MirrorLink.DEFAULT).toString());
    }

    @Test
    void serialisationIsBytesOverBandwidthRoundedUp() {
        MirrorLink gigabit = MirrorLink.parse("1Gbit/s,100us");
        assertEquals(8_000_000L, gigabit.serialisationNanos(1_000_000), "1 MB takes 8 ms at 1 Gbit/s");
        assertEquals(8L, gigabit.serialisationNanos(1), "8 bits take 8 ns");
        assertEquals(3L, MirrorLink.parse("3Gbit/s").serialisationNanos(1), "8/3 ns rounds up to 3");
        assertEquals(0L, gigabit.serialisationNanos(0));
    }

    @Test
    void malformedLinksAreRefusedInOneLine() {
        assertEquals("--link bandwidth: expected a bandwidth such as 1Gbit/s, 100Mbit/s or 12.5MB/s, got 'fast'",
                refused("fast"));
        assertEquals("--link latency: expected a duration such as 500ms, 1.5s, 20us or 100ns, got 'soon'",
                refused("1Gbit/s,soon"));
        assertEquals("--link: expected BANDWIDTH[,LATENCY] such as 1Gbit/s,100us, got '1Gbit/s,1us,2us'",
                refused("1Gbit/s,1us,2us"));
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, MirrorSession.percentile(sorted, 50));
        assertEquals(10, MirrorSession.percentile(sorted, 99));
        assertEquals(7, MirrorSession.percentile(new long[] {7}, 99));
    }
}
