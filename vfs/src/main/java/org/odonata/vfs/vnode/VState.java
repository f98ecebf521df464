package org.odonata.vfs.vnode;

/** {@code v_state} ({@code sys/sys/vnode.h}). */
public enum VState {
    /**
     * Referenced (in use by a file, a current directory or an operation), or no longer referenced but left active by
     * {@code vrele}'s lockless 1→0 transition: DragonFly's cached vnodes, deactivated only when finalized.
     */
    ACTIVE,
    /** No references; {@code VOP_INACTIVE} has run; still cached, may be reactivated. */
    INACTIVE,
    /** Being reclaimed ({@code VOP_RECLAIM}); may not be reactivated. */
    DYING,
    /** Reclaimed: disassociated from its filesystem node. */
    DEAD
}
