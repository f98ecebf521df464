package org.odonata.hw.x86.disk;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Sparse in-memory storage: fixed-size chunks allocated on first write, so a large device that is mostly
 * unwritten costs only the chunks it touched.
 */
final class MemoryStorage implements Storage {

    /** 64 KiB: large enough to keep the map small, small enough that scattered writes waste little. */
    static final int CHUNK = 64 * 1024;

    private final Map<Long, byte[]> chunks = new HashMap<>();

    @Override
    public void read(long offset, ByteBuffer dst) {
        long pos = offset;
        while (dst.hasRemaining()) {
            int within = (int) (pos % CHUNK);
            int n = Math.min(CHUNK - within, dst.remaining());
            byte[] chunk = chunks.get(pos / CHUNK);
            if (chunk == null) {
                fillZeros(dst, n);
            } else {
                dst.put(chunk, within, n);
            }
            pos += n;
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        long pos = offset;
        while (src.hasRemaining()) {
            int within = (int) (pos % CHUNK);
            int n = Math.min(CHUNK - within, src.remaining());
            src.get(chunks.computeIfAbsent(pos / CHUNK, k -> new byte[CHUNK]), within, n);
            pos += n;
        }
    }

    /** Chunks allocated so far; lets tests check that sparse devices stay sparse. */
    int allocatedChunks() {
        return chunks.size();
    }

    @Override
    public void close() {
        chunks.clear();
    }

    static void fillZeros(ByteBuffer dst, int n) {
        for (int i = 0; i < n; i++) {
            dst.put((byte) 0);
        }
    }
}
