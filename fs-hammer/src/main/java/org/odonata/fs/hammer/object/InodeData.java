package org.odonata.fs.hammer.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/**
 * An inode's data (128 bytes in the meta zone): version, object type, mode, link count, size, parent
 * directory, ctime/mtime/atime from the mount's clock, owner, group and, for a device node, its device number
 * ({@code struct hammer_inode_data}: {@code uid}/{@code gid} are UUIDs there, {@code rmajor}/{@code rminor} 32-bit
 * halves; here 32-bit ids and one 64-bit number), and {@code cap_flags}, whose DIRHASH bits give a directory its
 * {@link DirHash} (set at creation, never changed). Immutable; every change is a new INODE record. Images written
 * before owner, device number and cap_flags were stored read them as 0.
 */
public record InodeData(int objType, int mode, long nlinks, long size, long parentObjId, long ctime, long mtime,
        long atime, int uid, int gid, long rdev, int capFlags) {

    public static final int SIZE = 128;
    private static final int VERSION = 1;

    /** No cap_flags: a directory hashing with ALG0. */
    public InodeData(int objType, int mode, long nlinks, long size, long parentObjId, long ctime, long mtime,
            long atime, int uid, int gid, long rdev) {
        this(objType, mode, nlinks, size, parentObjId, ctime, mtime, atime, uid, gid, rdev, 0);
    }

    /** Owned by root, not a device. */
    public InodeData(int objType, int mode, long nlinks, long size, long parentObjId, long ctime, long mtime,
            long atime) {
        this(objType, mode, nlinks, size, parentObjId, ctime, mtime, atime, 0, 0, 0);
    }

    public boolean isDirectory() {
        return objType == RecordType.OBJ_DIRECTORY;
    }

    /** The name hash of this directory's entries (its cap_flags' DIRHASH bits). */
    public DirHash dirHash() {
        return DirHash.ofCapFlags(capFlags);
    }

    /** This inode with the cap_flags a new object gets ({@code hammer_create_inode}). */
    public InodeData withCapFlags(int flags) {
        return new InodeData(objType, mode, nlinks, size, parentObjId, ctime, mtime, atime, uid, gid, rdev, flags);
    }

    public InodeData withSize(long s, long now) {
        return new InodeData(objType, mode, nlinks, s, parentObjId, ctime, now, atime, uid, gid, rdev, capFlags);
    }

    public InodeData withLinks(long n, long now) {
        return new InodeData(objType, mode, n, size, parentObjId, now, mtime, atime, uid, gid, rdev, capFlags);
    }

    public InodeData withParent(long parent, long now) {
        return new InodeData(objType, mode, nlinks, size, parent, now, mtime, atime, uid, gid, rdev, capFlags);
    }

    public InodeData touched(long now) {
        return new InodeData(objType, mode, nlinks, size, parentObjId, now, now, atime, uid, gid, rdev, capFlags);
    }

    /** A chmod, chown or utimes ({@code hammer_vop_setattr}): the given values, and the change time. */
    public InodeData withAttributes(int newMode, int newUid, int newGid, long newAtime, long newMtime, long now) {
        return new InodeData(objType, newMode, nlinks, size, parentObjId, now, newMtime, newAtime, newUid, newGid,
                rdev, capFlags);
    }

    public byte[] encode() {
        byte[] b = new byte[SIZE];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) VERSION).put(2, (byte) objType)
                .put(3, (byte) capFlags)
                .putInt(4, mode).putLong(8, nlinks).putLong(16, size).putLong(24, parentObjId).putLong(32, ctime)
                .putLong(40, mtime).putLong(48, atime).putInt(56, uid).putInt(60, gid).putLong(64, rdev);
        return b;
    }

    public static InodeData decode(byte[] b, long dataOffset) {
        if (b.length != SIZE) {
            throw new HammerCorruptionException("inode data", dataOffset, "length " + b.length + ", expected " + SIZE);
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int type = b[2];
        if (buf.getShort(0) != VERSION || !RecordType.knownObjType(type)) {
            throw new HammerCorruptionException("inode data", dataOffset, "unknown version or object type " + type);
        }
        InodeData d = new InodeData(type, buf.getInt(4), buf.getLong(8), buf.getLong(16), buf.getLong(24),
                buf.getLong(32), buf.getLong(40), buf.getLong(48), buf.getInt(56), buf.getInt(60), buf.getLong(64),
                b[3] & 0xFF);
        if (d.dirHash() == null) {
            throw new HammerCorruptionException("inode data", dataOffset, "cap_flags 0x"
                    + Integer.toHexString(d.capFlags) + " name no directory hash (only ALG0 and ALG1 exist)");
        }
        if (d.size < 0 || d.nlinks < 0) {
            throw new HammerCorruptionException("inode data", dataOffset, "negative size or link count");
        }
        return d;
    }
}
