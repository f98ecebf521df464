package org.odonata.sync.locks;

import org.odonata.api.sync.Distribution;

/**
 * Durations in a log-linear histogram: 8 sub-buckets per power of two, so percentiles are exact to within 12.5%
 * while memory stays fixed however many samples arrive; count, mean and max are exact.
 */
final class DurationHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUBS = 1 << SUB_BITS;

    private final long[] buckets = new long[64 * SUBS];
    private long count;
    private double sum;
    private long max;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        buckets[index(v)]++;
        count++;
        sum += v;
        max = Math.max(max, v);
    }

    Distribution summary() {
        return new Distribution(count, count == 0 ? 0 : sum / count, percentile(0.50), percentile(0.99), max);
    }

    /** The upper bound of the bucket holding the p-quantile, never above the largest sample. */
    private long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * count);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.min(max, upperBound(i));
            }
        }
        return max;
    }

    private static int index(long v) {
        if (v < SUBS) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exp - SUB_BITS)) & (SUBS - 1);
        return (exp - SUB_BITS + 1) * SUBS + sub;
    }

    private static long upperBound(int index) {
        if (index < SUBS) {
            return index;
        }
        int exp = index / SUBS + SUB_BITS - 1;
        long sub = index % SUBS;
        return (1L << exp) + (sub + 1 << exp - SUB_BITS) - 1;
    }
}
