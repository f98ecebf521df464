package org.odonata.api.metric;

/**
 * What kind of quantity a metric is. The kind fixes how a raw value is stored and scaled for display: durations
 * are stored in nanoseconds and shown as ns, µs, ms or s; fractions are in [0, 1]; every other kind is scaled with
 * SI prefixes (k, M, G). No kind is ever negative, which is what bounds error bars at zero (and at one for a
 * fraction).
 */
public enum MetricKind {
    /** Events over the measured window: context switches, messages. */
    COUNT,
    /** Events per virtual second. */
    RATE,
    /** Virtual time in nanoseconds. */
    DURATION,
    /** A share in [0, 1]: utilisation, a hit ratio. */
    FRACTION,
    /** CPU cycles at the simulated clock. */
    CYCLES,
    /** Bytes. */
    BYTES;

    /** The largest value a metric of this kind can take: 1 for a fraction, unbounded otherwise. */
    public double upperBound() {
        return this == FRACTION ? 1 : Double.POSITIVE_INFINITY;
    }
}
