package org.odonata.api.block;

/**
 * A disk to attach to a machine.
 *
 * @param name          device name, e.g. {@code "da0"}
 * @param kind          service model
 * @param sizeBytes     capacity, a multiple of {@code sectorSize}
 * @param sectorSize    bytes per sector (512 or 4096)
 * @param backingFile   host file backing the device (created sparse if missing), or {@code null} for memory
 * @param writeCache    whether the device has a volatile write cache (then only flush and FUA are durable)
 */
public record DiskSpec(String name, DiskKind kind, long sizeBytes, int sectorSize, String backingFile,
        boolean writeCache) {

    public DiskSpec {
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new IllegalArgumentException("disk " + name + ": sectorSize must be 512 or 4096, was " + sectorSize);
        }
        if (sizeBytes <= 0 || sizeBytes % sectorSize != 0) {
            throw new IllegalArgumentException("disk " + name + ": size " + sizeBytes
                    + " must be a positive multiple of the sector size " + sectorSize);
        }
    }
}
