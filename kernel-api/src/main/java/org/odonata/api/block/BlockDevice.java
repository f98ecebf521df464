package org.odonata.api.block;

import java.nio.ByteBuffer;

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

    /** Loses every write not yet durable, as a power cut would. */
    void powerCut();

    /** Counters since the device was opened. */
    DeviceStats stats();

    /** Flushes nothing; releases the backing file. */
    @Override
    void close();
}
