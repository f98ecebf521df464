package org.odonata.fs.hammer.ondisk;

import java.nio.ByteBuffer;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * One of the volume header's 16 zone blockmaps (40 bytes, CRC over the first 32). For the freemap zone
 * {@code physOffset} locates layer 1; for the UNDO zone {@code firstOffset}/{@code nextOffset} bound the
 * active FIFO and {@code allocOffset} is its size; for zones 8–11 {@code nextOffset} is the append point.
 */
public record BlockmapEntry(long physOffset, long firstOffset, long nextOffset, long allocOffset) {

    public static final int SIZE = 40;

    public static final BlockmapEntry EMPTY = new BlockmapEntry(0, 0, 0, 0);

    public BlockmapEntry withNext(long next) {
        return new BlockmapEntry(physOffset, firstOffset, next, allocOffset);
    }

    public BlockmapEntry withFirstNext(long first, long next) {
        return new BlockmapEntry(physOffset, first, next, allocOffset);
    }

    void write(ByteBuffer buf, int at) {
        buf.putLong(at, physOffset).putLong(at + 8, firstOffset).putLong(at + 16, nextOffset)
                .putLong(at + 24, allocOffset).putInt(at + 32, 0);
        buf.putInt(at + 36, Crc32c.of(buf.array(), at, 32));
    }

    static BlockmapEntry read(ByteBuffer buf, int at, int zone) {
        int crc = buf.getInt(at + 36);
        if (crc != Crc32c.of(buf.array(), at, 32)) {
            throw new HammerCorruptionException("blockmap[" + zone + "] of the volume header", at,
                    "entry CRC mismatch");
        }
        return new BlockmapEntry(buf.getLong(at), buf.getLong(at + 8), buf.getLong(at + 16), buf.getLong(at + 24));
    }
}
