package org.odonata.hw.x86.disk;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A device's volatile write cache: an overlay of dirty sectors over the durable storage. Sectors are kept
 * in LBA order so a flush writes them back in one ascending pass.
 */
final class WriteCache {

    private final int sectorSize;
    private final NavigableMap<Long, byte[]> dirty = new TreeMap<>();

    WriteCache(int sectorSize) {
        this.sectorSize = sectorSize;
    }

    /** Holds {@code src} (consumed) as dirty data at the sector-aligned {@code offset}. */
    void put(long offset, ByteBuffer src) {
        long sector = offset / sectorSize;
        while (src.hasRemaining()) {
            byte[] data = new byte[sectorSize];
            src.get(data);
            dirty.put(sector++, data);
        }
    }

    /** Copies the dirty sectors inside {@code [offset, offset + region.limit())} over {@code region}. */
    void overlay(long offset, ByteBuffer region) {
        long first = offset / sectorSize;
        long end = first + region.limit() / sectorSize;
        for (Map.Entry<Long, byte[]> e : dirty.subMap(first, end).entrySet()) {
            region.put((int) ((e.getKey() - first) * sectorSize), e.getValue());
        }
    }

    /** Forgets dirty sectors in a range that was just written through (FUA), since they are now stale. */
    void discard(long offset, long length) {
        long first = offset / sectorSize;
        dirty.subMap(first, first + length / sectorSize).clear();
    }

    /** Writes every dirty sector to {@code storage} and empties the cache. */
    void drainTo(Storage storage) {
        for (Map.Entry<Long, byte[]> e : dirty.entrySet()) {
            storage.write(e.getKey() * sectorSize, ByteBuffer.wrap(e.getValue()));
        }
        dirty.clear();
    }

    /** Loses every dirty sector. */
    void clear() {
        dirty.clear();
    }

    long dirtyBytes() {
        return (long) dirty.size() * sectorSize;
    }
}
