package org.odonata.api.vm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A vnode as the VM's vnode pager reaches it ({@code sys/vm/vnode_pager.c}), implemented by the VFS: the file's
 * size, page-sized reads and writes through the filesystem's own read and write paths
 * ({@code vnode_pager_generic_getpages}, {@code vnode_pager_generic_putpages}: {@code VOP_READ}/{@code VOP_WRITE}
 * under the vnode lock, so they cost what the filesystem's I/O costs, disk service time included), {@code VOP_FSYNC},
 * the vnode's VM object ({@code v_object}) and the reference a mapped object holds on its vnode. Called on a
 * simulated thread; calls may block.
 */
@ConsumerType
public interface VnodePager {

    /** The file's size in bytes ({@code VOP_GETATTR}'s {@code va_size}). */
    long size();

    /**
     * Reads the page at byte {@code offset} (a multiple of 4096) into {@code page} (4096 bytes), bytes past the end
     * of the file zero. Returns the bytes read from the file, or a negative errno.
     */
    int getpage(long offset, byte[] page);

    /** Writes {@code len} bytes of {@code page} at byte {@code offset}. Returns 0 or a negative errno. */
    int putpage(long offset, byte[] page, int len);

    /** {@code VOP_FSYNC}: what the file holds reaches stable storage. Returns 0 or a negative errno. */
    int fsync();

    /** {@code v_object}: the vnode's VM object, or null before its first mapping. */
    VnodeObject object();

    /** Sets {@code v_object} ({@code vnode_pager_alloc}); the object lives as long as the vnode. */
    void setObject(VnodeObject object);

    /** {@code vref}: a mapped object keeps its vnode active. */
    void vref();

    /** {@code vrele}: the object's last mapping went away. */
    void vrele();

    /** A name for messages (the mount and inode number). */
    String name();
}
