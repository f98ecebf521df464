package org.odonata.sync.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.Distribution;

/** The hold and wait distributions a researcher reads from lock statistics: exact count, mean, max; p50/p99 bounded. */
class DurationHistogramTest {

    @Test
    void anEmptyHistogramSummarisesAsZeros() {
        assertEquals(new Distribution(0, 0, 0, 0, 0), new DurationHistogram().summary());
    }

    @Test
    void smallDurationsAreExact() {
        DurationHistogram h = new DurationHistogram();
        for (long v = 1; v <= 7; v++) {
            h.record(v);
        }
        // p50 is the 4th of 7 samples, p99 the 7th
        assertEquals(new Distribution(7, 4.0, 4, 7, 7), h.summary());
    }

    @Test
    void aPercentileIsTheUpperBoundOfItsBucketBelowTheLargestSample() {
        DurationHistogram h = new DurationHistogram();
        for (int i = 0; i < 99; i++) {
            h.record(300);
        }
        h.record(5_000);
        // 300 lies in [288, 319] (8 sub-buckets of 32 between 256 and 511)
        assertEquals(new Distribution(100, 347.0, 319, 319, 5_000), h.summary());
        DurationHistogram two = new DurationHistogram();
        two.record(100);
        two.record(1_000);
        // 100 in [96, 103]; 1000 in [960, 1023], capped at the largest sample
        assertEquals(new Distribution(2, 550.0, 103, 1_000, 1_000), two.summary());
    }

    @Test
    void everyPercentileIsWithinAnEighthAboveTheSample() {
        for (long v = 0; v < 70_000; v += v < 64 ? 1 : 37) {
            DurationHistogram h = new DurationHistogram();
            h.record(v);
            h.record(1L << 40);
            long p50 = h.summary().p50();
            assertTrue(p50 >= v && p50 <= v + v / 8, v + " reported as " + p50);
        }
    }

    @Test
    void theExtremesFitAndNegativeDurationsCountAsZero() {
        DurationHistogram h = new DurationHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        Distribution d = h.summary();
        assertEquals(2, d.count());
        assertEquals(0, d.p50());
        assertEquals(Long.MAX_VALUE, d.p99());
        assertEquals(Long.MAX_VALUE, d.max());
        assertEquals(Long.MAX_VALUE / 2.0, d.mean(), 1e3);
    }
}
