package org.odonata.fs.hammer.object;

/** Record types (rec_type) and the low 16 bits of localizations ({@link Localization} has the PFS bits). */
public final class RecordType {

    public static final int INODE = 0x0001;
    /** File data; key = base offset + length, so a lookup for offset o seeks key o + 1. */
    public static final int DATA = 0x0010;
    /** Directory entry; key = 64-bit name hash with an iterator in the low 32 bits for collisions. */
    public static final int DIRENTRY = 0x0011;
    /** PFS configuration, kept on PFS 0's root inode; key = the PFS's localization (hammer_save_pseudofs). */
    public static final int PFS = 0x0015;
    /** Snapshot, kept on the root inode; key = the snapshot's TID. */
    public static final int SNAPSHOT = 0x0016;

    /** Localization of inode records (PFS 0 in the high 16 bits). */
    public static final int LOC_INODE = 0x0001;
    /** Localization of every other record. */
    public static final int LOC_MISC = 0x0002;

    /** obj_type of a directory (HAMMER_OBJTYPE_DIRECTORY). */
    public static final int OBJ_DIRECTORY = 1;
    /** obj_type of a regular file (HAMMER_OBJTYPE_REGFILE). */
    public static final int OBJ_REGFILE = 2;
    /** obj_type of a FIFO (HAMMER_OBJTYPE_FIFO). */
    public static final int OBJ_FIFO = 4;
    /** obj_type of a character device (HAMMER_OBJTYPE_CDEV). */
    public static final int OBJ_CDEV = 5;
    /** obj_type of a block device (HAMMER_OBJTYPE_BDEV). */
    public static final int OBJ_BDEV = 6;
    /**
     * obj_type of a symbolic link (HAMMER_OBJTYPE_SOFTLINK). Its target is its data, as a file's bytes (DragonFly
     * keeps a target of up to 24 bytes in the inode and a longer one in a FIX record).
     */
    public static final int OBJ_SOFTLINK = 7;
    /** obj_type of a socket (HAMMER_OBJTYPE_SOCKET). */
    public static final int OBJ_SOCKET = 9;

    /** The root directory's object id (HAMMER_OBJID_ROOT). */
    public static final long ROOT_OBJID = 1;

    /** Whether {@code objType} is one this model writes. */
    public static boolean knownObjType(int objType) {
        return switch (objType) {
            case OBJ_DIRECTORY, OBJ_REGFILE, OBJ_FIFO, OBJ_CDEV, OBJ_BDEV, OBJ_SOFTLINK, OBJ_SOCKET -> true;
            default -> false;
        };
    }

    private RecordType() {
    }
}
