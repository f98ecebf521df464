package org.odonata.vfs.vnode;

/** {@code v_state} ({@code sys/sys/vnode.h}). */
public enum VState {
    /** Referenced: in use by a file, a current directory or an operation. */
    ACTIVE,
    /** No references; {@code VOP_INACTIVE} has run; still cached, may be reactivated. */
    INACTIVE,
    /** Being reclaimed ({@code VOP_RECLAIM}); may not be reactivated. */
    DYING,
    /** Reclaimed: disassociated from its filesystem node. */
    DEAD
}
