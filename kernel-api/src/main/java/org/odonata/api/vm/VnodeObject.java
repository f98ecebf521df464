package org.odonata.api.vm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The VM object of a vnode ({@code OBJT_VNODE}), implemented by the VM, as the VFS calls it: the one copy of the
 * file's pages that every mapping shares and that {@code read(2)}/{@code write(2)} see, as DragonFly's VMIO buffers
 * share them ({@code vfs_bio.c}). Called on a simulated thread holding the vnode's lock, except {@link #clean}.
 */
@ProviderType
public interface VnodeObject {

    /** {@code write(2)} wrote {@code len} bytes of {@code src[off..]} at {@code offset}: resident pages take them. */
    void written(long offset, byte[] src, int off, int len);

    /** {@code read(2)} of {@code len} bytes at {@code offset} into {@code dst[off..]}: resident pages supply them. */
    void read(long offset, byte[] dst, int off, int len);

    /**
     * {@code vnode_pager_setsize}: the file's size changed; pages wholly past the new end are unmapped and freed, and
     * the part of the last page past the end is zeroed.
     */
    void setSize(long size);

    /**
     * {@code vm_object_page_clean}: writes every dirty page through the pager, and with {@code sync} then
     * {@code VOP_FSYNC}s the vnode. Called without the vnode's lock. Returns the pages written, or a negative errno.
     */
    int clean(boolean sync);

    /** {@code vm_object_terminate} at the vnode's reclaim: dirty pages are written ({@code V_SAVE}), all freed. */
    void terminate();
}
