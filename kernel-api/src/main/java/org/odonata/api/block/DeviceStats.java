package org.odonata.api.block;

/**
 * Block device counters.
 *
 * @param reads         read requests
 * @param writes        write requests
 * @param flushes       flush requests
 * @param fuaWrites     writes with FUA
 * @param bytesRead     bytes read
 * @param bytesWritten  bytes written
 * @param busyNanos     virtual time the device spent servicing requests
 */
public record DeviceStats(long reads, long writes, long flushes, long fuaWrites, long bytesRead, long bytesWritten,
        long busyNanos) {
}
