package org.odonata.api.block;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A block device. Inside a simulation, each call suspends the calling simulated thread for the request's
 * queueing and service time; outside one, it completes synchronously. Offsets and lengths are multiples of
 * the sector size.
 * <p>
 * With a volatile write cache, a completed write is durable only after a later {@link #flush()} completes,
 * or if it was written with FUA; a power cut ({@link #powerCut()}) loses the rest.
 */
@ProviderType
public interface BlockDevice extends AutoCloseable {

    DiskSpec spec();

    default long sizeBytes() {
        return spec().sizeBytes();
    }

    default int sectorSize() {
        return spec().sectorSize();
    }

    /** Fills {@code dst} from {@code offset}. */
    void read(long offset, ByteBuffer dst);

    /** Writes {@code src} at {@code offset}; with {@code fua} the data is durable when the call returns. */
    void write(long offset, ByteBuffer src, boolean fua);

    /** Makes every completed write durable. */
    void flush();

    /**
     * Starts a request and returns at once, as a driver's strategy routine does: the request is queued and priced
     * like the blocking calls, and at its completion time the data moves and {@code done} runs as an engine event
     * (the device raising its completion interrupt) with {@code null}, or with the failure. {@code buffer} is read
     * into or written from between its position and limit; a {@link BlockOp#FLUSH} ignores {@code offset},
     * {@code buffer} and {@code fua}. This default completes the request with the blocking calls before returning,
     * which is right for devices outside a simulation.
     *
     * @throws IllegalArgumentException for a misaligned or out-of-range request, before anything is queued
     */
    default void start(BlockOp op, long offset, ByteBuffer buffer, boolean fua, Consumer<RuntimeException> done) {
        switch (op) {
            case READ -> read(offset, buffer);
            case WRITE -> write(offset, buffer, fua);
            case FLUSH -> flush();
        }
        done.accept(null);
    }

    /** Loses every write not yet durable, as a power cut would. */
    void powerCut();

    /** Counters since the device was opened. */
    DeviceStats stats();

    /** Flushes nothing; releases the backing file. */
    @Override
    void close();
}
