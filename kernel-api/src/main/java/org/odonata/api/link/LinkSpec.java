package org.odonata.api.link;

/**
 * A point-to-point network link.
 *
 * @param name              link name
 * @param latencyNanos      one-way propagation latency
 * @param bitsPerSecond     bandwidth; a message occupies the link for its size at this rate
 */
public record LinkSpec(String name, long latencyNanos, long bitsPerSecond) {

    public LinkSpec {
        if (latencyNanos < 0 || bitsPerSecond <= 0) {
            throw new IllegalArgumentException("link " + name + ": latency must be >= 0 and bandwidth > 0");
        }
    }
}
