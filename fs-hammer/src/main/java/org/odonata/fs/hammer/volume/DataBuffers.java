package org.odonata.fs.hammer.volume;

/**
 * Clean 16 KB buffers of record data (zones 9–11), as DragonFly reads data through the buffer cache: an LRU of
 * {@value #CAPACITY} buffers keyed by device offset. The volume keeps it coherent: a buffer is dropped when
 * data is staged into it or anything is written over it, and written data buffers are inserted as they
 * reach the device (write-through). A buffer read from the device is kept only if nothing was staged or written
 * while the read waited for the disk ({@link #generation}): another simulated thread may have. All operations
 * O(1) per buffer.
 */
final class DataBuffers {

    static final int CAPACITY = 2048;

    private final BlockLru<byte[]> lru = new BlockLru<>(CAPACITY);

    /** Changes whenever buffers are invalidated or written: a read that began at another generation is stale. */
    private long generation;

    long generation() {
        return generation;
    }

    byte[] get(long bufferStart) {
        return lru.get(key(bufferStart));
    }

    void put(long bufferStart, byte[] buffer) {
        lru.put(key(bufferStart), buffer);
        generation++;
    }

    /** Caches a buffer read from the device when the read began at {@code readGeneration}, unless it is stale. */
    void loaded(long bufferStart, byte[] buffer, long readGeneration) {
        if (readGeneration == generation) {
            lru.put(key(bufferStart), buffer);
        }
    }

    /** Drops every buffer overlapping device bytes {@code [start, start + length)}. */
    void invalidate(long start, long length) {
        generation++;
        if (lru.isEmpty()) {
            return;
        }
        long first = Volume.bufferStart(start);
        for (long b = first; b < start + length; b += Volume.DATA_BUFSIZE) {
            lru.remove(key(b));
        }
    }

    /** The block number in the low bits. */
    private static long key(long bufferStart) {
        return Long.rotateRight(bufferStart, 14);
    }
}
