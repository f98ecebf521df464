package org.odonata.hw.x86.disk;

import org.odonata.api.block.DiskKind;

/**
 * Prices one disk's requests in virtual nanoseconds. A request is serviced in two phases: an access
 * (seek and rotation, or flash latency) that may overlap other requests' accesses up to {@link #channels()},
 * then a transfer over the device's single data path. A model may keep mechanical state (the head), so each
 * disk has its own instance and calls it in dispatch order.
 */
interface ServiceModel {

    /** What a request asks of the media. */
    enum Op {
        READ,
        /** A write that reaches the media before it completes (no write cache, or FUA). */
        WRITE,
        /** A write absorbed by the volatile write cache; the media is written at the next flush. */
        CACHED_WRITE
    }

    /** The two phases of a request's service. */
    record Service(long accessNanos, long transferNanos) {
    }

    /** Requests the device services concurrently (its internal parallelism). */
    int channels();

    /** Prices a request that starts service at virtual time {@code start}. */
    Service service(Op op, long offset, long length, long start);

    /** Time to flush a write cache holding {@code dirtyBytes}. */
    long flushNanos(long dirtyBytes);

    static ServiceModel of(DiskKind kind, long sizeBytes) {
        return switch (kind) {
            case RAM -> RamModel.INSTANCE;
            case HDD -> new HddModel(sizeBytes);
            case SATA_SSD -> FlashModel.SATA_SSD;
            case NVME -> FlashModel.NVME;
        };
    }

    /** Nanoseconds to move {@code bytes} at {@code bytesPerSecond} (at most a few GB/s), rounded up. */
    static long transferNanos(long bytes, long bytesPerSecond) {
        // whole seconds first, so that no product overflows for any byte count at rates below ~9 GB/s
        long seconds = bytes / bytesPerSecond;
        long rest = bytes % bytesPerSecond;
        return seconds * 1_000_000_000L + Math.ceilDiv(rest * 1_000_000_000L, bytesPerSecond);
    }
}
