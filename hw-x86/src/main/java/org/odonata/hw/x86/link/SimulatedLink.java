package org.odonata.hw.x86.link;

import java.math.BigInteger;
import java.util.Objects;
import java.util.function.Consumer;

import org.odonata.api.engine.Engine;
import org.odonata.api.link.Link;
import org.odonata.api.link.LinkSpec;

/**
 * One direction of a link. Messages are serialised onto the wire one after another (FIFO): a message
 * starts when the link is free, occupies it for its size at the link's bandwidth, and arrives a
 * propagation latency later, delivered to its receiver by an engine event. Since start times never
 * decrease and the latency is fixed, arrivals are in sending order; the engine runs same-time events in
 * scheduling order, so delivery is too.
 */
public final class SimulatedLink implements Link {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LinkSpec spec;
    private final Engine engine;
    private long busyUntil;
    private long messagesSent;
    private long bytesSent;

    SimulatedLink(LinkSpec spec, Engine engine) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public LinkSpec spec() {
        return spec;
    }

    @Override
    public long send(byte[] message, Consumer<byte[]> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        // the wire carries the bytes as they were when sent, whatever the sender does with its array next
        byte[] onWire = message.clone();
        long start = Math.max(engine.now(), busyUntil);
        busyUntil = start + serialisationNanos(onWire.length);
        long arrival = busyUntil + spec.latencyNanos();
        messagesSent++;
        bytesSent += onWire.length;
        engine.at(arrival, () -> receiver.accept(onWire));
        return arrival;
    }

    @Override
    public long messagesSent() {
        return messagesSent;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    /** Time the message occupies the wire, rounded up to a whole nanosecond. */
    long serialisationNanos(long bytes) {
        long bits = bytes * 8;
        long bps = spec.bitsPerSecond();
        if (bits <= Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Math.ceilDiv(bits * NANOS_PER_SECOND, bps);
        }
        // only messages over ~1 GB get here
        BigInteger[] qr = BigInteger.valueOf(bits).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                .divideAndRemainder(BigInteger.valueOf(bps));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }
}
