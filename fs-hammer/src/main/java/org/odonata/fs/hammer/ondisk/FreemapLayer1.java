package org.odonata.fs.hammer.ondisk;

import java.nio.ByteBuffer;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * A freemap layer 1 entry (32 bytes): the zone-2 offset of a layer 2 array covering {@link #BIGBLOCKS}
 * big-blocks, the number of free big-blocks under it, and a CRC over the first 28 bytes.
 */
public record FreemapLayer1(long phys, long blocksFree) {

    public static final int SIZE = 32;
    /** Big-blocks covered by one layer 1 entry (2^19, i.e. 4 TB of 8 MB big-blocks). */
    public static final int BIGBLOCKS = 1 << 19;

    public void write(byte[] block, int at) {
        ByteBuffer buf = ByteBuffer.wrap(block).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putLong(at, phys).putLong(at + 8, blocksFree).putLong(at + 16, 0).putInt(at + 24, 0);
        buf.putInt(at + 28, Crc32c.of(block, at, 28));
    }

    public static FreemapLayer1 read(byte[] block, int at, long structOffset) {
        ByteBuffer buf = ByteBuffer.wrap(block).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(at + 28) != Crc32c.of(block, at, 28)) {
            throw new HammerCorruptionException("freemap layer1 entry", structOffset, "layer1 CRC mismatch");
        }
        return new FreemapLayer1(buf.getLong(at), buf.getLong(at + 8));
    }
}
