package org.odonata.fs.hammer.ondisk;

/**
 * 64-bit zone-encoded offsets: 4 bits zone, 8 bits volume, 52 bits offset. Zones 8–11 are zone-2 (raw
 * buffer) offsets with the zone tag swapped in, so converting between them costs one mask. Pure arithmetic.
 */
public final class ZoneOffset {

    /** Raw volume: a byte offset from the start of the volume (used for the volume header). */
    public static final int RAW_VOLUME = 1;
    /** Raw buffer: a byte offset from the start of the volume's big-block area. */
    public static final int RAW_BUFFER = 2;
    /** The UNDO/REDO FIFO, mapped to big-blocks through the header's UNDO array. */
    public static final int UNDO = 3;
    /** The freemap, the only real blockmap. */
    public static final int FREEMAP = 4;
    public static final int BTREE = 8;
    /** Record data of inodes, directory entries and the other small records. */
    public static final int META = 9;
    /** File data extents of 16 KB and more. */
    public static final int LARGE_DATA = 10;
    /** File data extents below 16 KB. */
    public static final int SMALL_DATA = 11;
    public static final int UNAVAIL = 15;
    public static final int ZONES = 16;

    private static final long OFFSET_MASK = (1L << 52) - 1;

    private ZoneOffset() {
    }

    public static long encode(int zone, int volume, long offset) {
        if (zone < 0 || zone >= ZONES || volume < 0 || volume > 255 || offset < 0 || offset > OFFSET_MASK) {
            throw new IllegalArgumentException("cannot encode zone " + zone + " volume " + volume + " offset " + offset);
        }
        return ((long) zone << 60) | ((long) volume << 52) | offset;
    }

    public static int zone(long zoneOffset) {
        return (int) (zoneOffset >>> 60);
    }

    public static int volume(long zoneOffset) {
        return (int) ((zoneOffset >>> 52) & 0xFF);
    }

    public static long offset(long zoneOffset) {
        return zoneOffset & OFFSET_MASK;
    }

    /** The same place in another zone: zones 2 and 8–11 share one address space. */
    public static long withZone(long zoneOffset, int zone) {
        return encode(zone, volume(zoneOffset), offset(zoneOffset));
    }

    public static String hex(long zoneOffset) {
        return String.format("0x%016x", zoneOffset);
    }
}
