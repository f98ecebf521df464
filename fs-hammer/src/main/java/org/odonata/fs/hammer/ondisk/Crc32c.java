package org.odonata.fs.hammer.ondisk;

import java.util.zip.CRC32C;

/** CRC32C (Castagnoli) as HAMMER version 7 uses it for every on-disk structure; one pass over the bytes. */
public final class Crc32c {

    private Crc32c() {
    }

    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The CRC of two disjoint ranges, as if they were contiguous: used where a CRC field sits mid-structure. */
    public static int of(byte[] bytes, int off1, int len1, int off2, int len2) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, off1, len1);
        crc.update(bytes, off2, len2);
        return (int) crc.getValue();
    }
}
