package org.odonata.api.link;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One direction of a link between two machines sharing an engine: messages arrive in order, each after
 * waiting for the link, its serialisation time and the propagation latency.
 */
@ProviderType
public interface Link {

    LinkSpec spec();

    /**
     * Sends a message of {@code bytes}; {@code receiver} gets it at its arrival time.
     *
     * @return the virtual time it arrives
     */
    long send(byte[] message, Consumer<byte[]> receiver);

    long messagesSent();

    long bytesSent();
}
