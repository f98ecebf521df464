package org.odonata.hw.x86.disk;

import java.nio.ByteBuffer;

/**
 * The durable contents of a device: what survives a power cut. Callers check bounds and alignment; ranges
 * never written read as zeros. Both operations transfer {@code buffer.remaining()} bytes and advance the
 * buffer's position, like a positional {@code FileChannel} call.
 */
interface Storage extends AutoCloseable {

    void read(long offset, ByteBuffer dst);

    void write(long offset, ByteBuffer src);

    /** Makes every write so far survive a crash of the host, not only of the simulated machine. */
    default void force() {
    }

    @Override
    void close();
}
