package org.odonata.hw.x86.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class SeededStreamsTest {

    private static long[] draw(RandomGenerator stream, int n) {
        return stream.longs(n).toArray();
    }

    @Test
    void sameNameReturnsTheSameStreamObject() {
        SeededStreams streams = new SeededStreams(7);
        assertSame(streams.stream("sched.dfly"), streams.stream("sched.dfly"));
        assertEquals(7, streams.seed());
    }

    @Test
    void sameSeedAndNameDrawTheSameValues() {
        assertArrayEquals(draw(new SeededStreams(7).stream("disk"), 16), draw(new SeededStreams(7).stream("disk"), 16));
    }

    @Test
    void addingAStreamDoesNotChangeTheValuesOfAnother() {
        SeededStreams alone = new SeededStreams(7);
        long[] expected = draw(alone.stream("disk"), 16);

        SeededStreams crowded = new SeededStreams(7);
        RandomGenerator net = crowded.stream("net");
        long[] first = draw(crowded.stream("disk"), 8);
        draw(net, 100);
        crowded.stream("sched.dfly").nextLong();
        long[] rest = draw(crowded.stream("disk"), 8);

        long[] actual = Arrays.copyOf(first, 16);
        System.arraycopy(rest, 0, actual, 8, 8);
        assertArrayEquals(expected, actual);
    }

    @Test
    void differentNamesAndDifferentSeedsDrawDifferentValues() {
        assertFalse(Arrays.equals(draw(new SeededStreams(7).stream("a"), 4), draw(new SeededStreams(7).stream("b"), 4)));
        assertFalse(Arrays.equals(draw(new SeededStreams(7).stream("a"), 4), draw(new SeededStreams(8).stream("a"), 4)));
    }

    @Test
    void nameHashIsStandardFnv1a64OverUtf8() {
        assertEquals(0xcbf29ce484222325L, SeededStreams.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, SeededStreams.fnv1a64("a"));
        assertEquals(0x85944171f73967e8L, SeededStreams.fnv1a64("foobar"));
        assertNotEquals(SeededStreams.fnv1a64("é"), SeededStreams.fnv1a64("e"));
    }
    /**
     * Golden values: SplitMix64's finaliser must never change, or every seeded stream (and every published run's
     * digest) changes with it. The first two are SplitMix64's own first outputs from seed 0 (its state advanced by the
     * golden gamma 0x9e3779b97f4a7c15 once and twice), as in the reference implementation.
     */
    @Test
    void mix64IsSplitMix64sFinaliser() {
        assertEquals(0xe220a8397b1dcdafL, SeededStreams.mix64(0x9e3779b97f4a7c15L));
        assertEquals(0x6e789e6aa1b965f4L, SeededStreams.mix64(0x3c6ef372fe94f82aL));
        assertEquals(0x5692161d100b05e5L, SeededStreams.mix64(1));
        assertEquals(0x12ae30237b17df14L, SeededStreams.mix64(7));
        assertEquals(0, SeededStreams.mix64(0));
    }
}
