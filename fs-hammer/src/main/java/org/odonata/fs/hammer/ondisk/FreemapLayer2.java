package org.odonata.fs.hammer.ondisk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * A freemap layer 2 entry (16 bytes), one per big-block: the zone owning it (0 = free), the append offset
 * inside it, the bytes still free (signed, as in DragonFly) and a CRC over the first 12 bytes.
 */
public record FreemapLayer2(int zone, int appendOff, int bytesFree) {

    public static final int SIZE = 16;

    public static FreemapLayer2 free(long bigBlockSize) {
        return new FreemapLayer2(0, 0, (int) bigBlockSize);
    }

    public boolean isFree() {
        return zone == 0;
    }

    public void write(byte[] block, int at) {
        ByteBuffer buf = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(at, (byte) zone).put(at + 1, (byte) 0).putShort(at + 2, (short) 0).putInt(at + 4, appendOff)
                .putInt(at + 8, bytesFree);
        buf.putInt(at + 12, Crc32c.of(block, at, 12));
    }

    public static FreemapLayer2 read(byte[] block, int at, long structOffset) {
        ByteBuffer buf = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(at + 12) != Crc32c.of(block, at, 12)) {
            throw new HammerCorruptionException("freemap layer2 entry", structOffset, "layer2 CRC mismatch");
        }
        int zone = block[at] & 0xFF;
        if (zone != 0 && zone != ZoneOffset.UNDO && zone != ZoneOffset.FREEMAP
                && (zone < ZoneOffset.BTREE || zone > ZoneOffset.SMALL_DATA)) {
            throw new HammerCorruptionException("freemap layer2 entry", structOffset, "zone " + zone + " is not allocatable");
        }
        return new FreemapLayer2(zone, buf.getInt(at + 4), buf.getInt(at + 8));
    }
}
