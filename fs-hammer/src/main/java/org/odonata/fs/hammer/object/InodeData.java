package org.odonata.fs.hammer.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * An inode's data (128 bytes in the meta zone): version, object type, mode, link count, size, parent
 * directory, and ctime/mtime/atime from the mount's clock. Immutable; every change is a new INODE record.
 */
public record InodeData(int objType, int mode, long nlinks, long size, long parentObjId, long ctime, long mtime,
        long atime) {

    public static final int SIZE = 128;
    private static final int VERSION = 1;

    public boolean isDirectory() {
        return objType == RecordType.OBJ_DIRECTORY;
    }

    public InodeData withSize(long s, long now) {
        return new InodeData(objType, mode, nlinks, s, parentObjId, ctime, now, atime);
    }

    public InodeData withLinks(long n, long now) {
        return new InodeData(objType, mode, n, size, parentObjId, now, mtime, atime);
    }

    public InodeData withParent(long parent, long now) {
        return new InodeData(objType, mode, nlinks, size, parent, now, mtime, atime);
    }

    public InodeData touched(long now) {
        return new InodeData(objType, mode, nlinks, size, parentObjId, now, now, atime);
    }

    public byte[] encode() {
        byte[] b = new byte[SIZE];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) VERSION).put(2, (byte) objType)
                .putInt(4, mode).putLong(8, nlinks).putLong(16, size).putLong(24, parentObjId).putLong(32, ctime)
                .putLong(40, mtime).putLong(48, atime);
        return b;
    }

    public static InodeData decode(byte[] b, long dataOffset) {
        if (b.length != SIZE) {
            throw new HammerCorruptionException("inode data", dataOffset, "length " + b.length + ", expected " + SIZE);
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int type = b[2];
        if (buf.getShort(0) != VERSION || (type != RecordType.OBJ_DIRECTORY && type != RecordType.OBJ_REGFILE)) {
            throw new HammerCorruptionException("inode data", dataOffset, "unknown version or object type " + type);
        }
        InodeData d = new InodeData(type, buf.getInt(4), buf.getLong(8), buf.getLong(16), buf.getLong(24),
                buf.getLong(32), buf.getLong(40), buf.getLong(48));
        if (d.size < 0 || d.nlinks < 0) {
            throw new HammerCorruptionException("inode data", dataOffset, "negative size or link count");
        }
        return d;
    }
}
