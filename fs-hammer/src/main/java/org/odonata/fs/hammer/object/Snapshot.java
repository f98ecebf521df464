package org.odonata.fs.hammer.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * A snapshot: the TID it preserves, the mount-clock time it was taken, and a label (at most 64 bytes of
 * UTF-8). Stored as a SNAPSHOT record on the root inode, 80 bytes of data.
 */
public record Snapshot(long tid, long timestamp, String label) {

    public static final int LABEL_MAX = 64;
    static final int SIZE = 80;

    public Snapshot {
        if (label.getBytes(StandardCharsets.UTF_8).length > LABEL_MAX) {
            throw new IllegalArgumentException("snapshot label longer than " + LABEL_MAX + " bytes: " + label);
        }
    }

    byte[] encode() {
        byte[] b = new byte[SIZE];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, tid).putLong(8, timestamp)
                .put(16, label.getBytes(StandardCharsets.UTF_8));
        return b;
    }

    static Snapshot decode(byte[] b, long dataOffset) {
        if (b.length != SIZE) {
            throw new HammerCorruptionException("snapshot data", dataOffset, "length " + b.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int len = 0;
        while (len < LABEL_MAX && b[16 + len] != 0) {
            len++;
        }
        return new Snapshot(buf.getLong(0), buf.getLong(8), new String(Arrays.copyOfRange(b, 16, 16 + len),
                StandardCharsets.UTF_8));
    }
}
