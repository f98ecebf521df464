package org.odonata.fs.hammer.object;

import org.odonata.fs.hammer.btree.BTreeElement;

/**
 * PFS ids, B-tree localizations and the model's inode numbers. DragonFly puts the PFS id in the high 16 bits of
 * a record's localization and the record class in the low ({@code pfs_to_lo}, {@code lo_to_pfs}, hammer_disk.h),
 * and keys in-memory inodes by (obj_id, localization). This model carries the pair in one long, the inode number,
 * which is what directory entries, the in-memory inode table and the VFS see; the B-tree keys split it again, so
 * on disk obj_id and localization are DragonFly's. In PFS 0 the inode number is the obj_id (a TID, positive); in
 * PFS p ≥ 1 it is negative: the sign bit, p in the next 16 bits, the obj_id in the low 47.
 * Simplification: objects of PFSs other than 0 get obj_ids below 2^47 (a TID's low 47 bits), where DragonFly's are
 * full TIDs; mirroring PFS 0 into a slave PFS would need its obj_ids remapped.
 */
public final class Localization {

    /** HAMMER_MAX_PFS: PFS ids are 0..65535. */
    public static final int MAX_PFS = 65536;
    /** PFS 0, the root PFS: always a master (HAMMER_ROOT_PFSID). */
    public static final int ROOT_PFS = 0;
    private static final long OBJ_MASK = (1L << 47) - 1;

    /** The inode number of object {@code objId} of PFS {@code pfs} (only its low 47 bits outside PFS 0). */
    public static long ino(int pfs, long objId) {
        return pfs == ROOT_PFS ? objId : Long.MIN_VALUE | (long) pfs << 47 | (objId & OBJ_MASK);
    }

    /**
     * A new object's inode number in PFS {@code pfs} from a fresh TID: the TID itself in PFS 0; elsewhere its low 47
     * bits, skipping 0 and the root's 1 (unique until 2^47 objects were made).
     */
    public static long newObject(int pfs, long tid) {
        long ino = ino(pfs, tid);
        return pfs == ROOT_PFS || objId(ino) > RecordType.ROOT_OBJID ? ino : ino(pfs, RecordType.ROOT_OBJID + 1 + tid);
    }

    /** The inode number a B-tree record belongs to. */
    public static long ino(BTreeElement e) {
        return ino(pfsOfLocalization(e.localization()), e.objId());
    }

    /** The PFS of an inode number. */
    public static int pfs(long ino) {
        return ino < 0 ? (int) (ino >>> 47) & 0xFFFF : ROOT_PFS;
    }

    /** The on-disk obj_id of an inode number. */
    public static long objId(long ino) {
        return ino < 0 ? ino & OBJ_MASK : ino;
    }

    /** The root directory of a PFS (HAMMER_OBJID_ROOT in its localization). */
    public static long root(int pfs) {
        return ino(pfs, RecordType.ROOT_OBJID);
    }

    /** pfs_to_lo: a PFS's localization (high 16 bits). */
    public static int of(int pfs) {
        return pfs << 16;
    }

    /** lo_to_pfs. */
    public static int pfsOfLocalization(int localization) {
        return localization >>> 16;
    }

    /** Localization of the INODE records of an inode number's PFS. */
    public static int inode(long ino) {
        return of(pfs(ino)) | RecordType.LOC_INODE;
    }

    /** Localization of the other records of an inode number's PFS. */
    public static int misc(long ino) {
        return of(pfs(ino)) | RecordType.LOC_MISC;
    }

    private Localization() {
    }
}
