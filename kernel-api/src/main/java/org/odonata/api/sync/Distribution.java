package org.odonata.api.sync;

/**
 * A summary of a distribution of durations in virtual nanoseconds.
 *
 * @param count samples
 * @param mean  arithmetic mean
 * @param p50   median
 * @param p99   99th percentile
 * @param max   largest sample
 */
public record Distribution(long count, double mean, long p50, long p99, long max) {
}
