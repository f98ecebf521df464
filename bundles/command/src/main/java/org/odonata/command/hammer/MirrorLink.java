package org.odonata.command.hammer;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.command.Args;

/**
 * The simulated network path a mirror crosses between two machines: a bandwidth, at which a record occupies the
 * wire for its size (records leave one after another in sending order), and a one-way propagation latency.
 *
 * @param bitsPerSecond bandwidth
 * @param latencyNanos  one-way latency
 */
public record MirrorLink(long bitsPerSecond, long latencyNanos) {

    /** {@code --link}'s default: a gigabit LAN. */
    public static final String DEFAULT = "1Gbit/s,100us";

    public MirrorLink {
        if (bitsPerSecond <= 0 || latencyNanos < 0) {
            throw new IllegalArgumentException("a link needs a positive bandwidth and a latency >= 0");
        }
    }

    /** {@code BANDWIDTH[,LATENCY]} ({@code 1Gbit/s,100us}, {@code 12.5MB/s}); the latency defaults to 100us. */
    public static MirrorLink parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("--link: expected BANDWIDTH[,LATENCY] such as 1Gbit/s,100us, got '"
                    + text + "'");
        }
        long bps = Args.bitsPerSecond("--link bandwidth", parts[0]);
        long latency = parts.length == 2 ? Args.duration("--link latency", parts[1], 0, Args.MAX_VIRTUAL_NANOS)
                : 100_000L;
        return new MirrorLink(bps, latency);
    }

    /** Time {@code bytes} occupy the wire, rounded up to a whole nanosecond. */
    public long serialisationNanos(long bytes) {
        return Math.ceilDiv(Math.multiplyExact(bytes, 8_000_000_000L), bitsPerSecond);
    }

    @Override
    public String toString() {
        return rate(bitsPerSecond) + ", " + VirtualDuration.format(latencyNanos) + " latency";
    }

    private static String rate(long bps) {
        return bps % 1_000_000_000L == 0 ? bps / 1_000_000_000L + " Gbit/s"
                : bps % 1_000_000L == 0 ? bps / 1_000_000L + " Mbit/s"
                : bps % 1_000L == 0 ? bps / 1_000L + " kbit/s" : bps + " bit/s";
    }
}
