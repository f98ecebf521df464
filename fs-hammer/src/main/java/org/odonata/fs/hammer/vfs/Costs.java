package org.odonata.fs.hammer.vfs;

/**
 * Cycles HAMMER's vnode operations charge the calling CPU for their own work, besides the buffer cache's lookups,
 * copies and disk time: approximate path lengths of the DragonFly functions named, not measurements.
 */
final class Costs {

    /** {@code uiomove}-like copies: one cycle per 8 bytes. */
    static final int COPY_SHIFT = 3;
    /** {@code hammer_vop_getattr} / {@code hammer_vop_setattr}: the in-memory inode. */
    static final long ATTR = 150;
    /** {@code hammer_vop_nresolve}: a directory-entry B-tree lookup through a cursor ({@code hammer_ip_first}). */
    static final long LOOKUP = 1_500;
    /** {@code hammer_create_inode} plus {@code hammer_ip_add_directory}: a new inode and its entry record. */
    static final long CREATE = 4_000;
    /** Removing or adding a name ({@code hammer_dounlink}, {@code hammer_ip_del_directory}, a link or rename). */
    static final long NAMESPACE = 2_500;
    /** {@code hammer_vop_read}/{@code _write}: per call, besides the copy ({@code hammer_bread_ex}, records). */
    static final long RDWR = 1_000;
    /** {@code hammer_vop_readdir}: per entry returned. */
    static final long DIRENT = 150;

    private Costs() {
    }
}
