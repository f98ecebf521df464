package org.odonata.vm.object;

/** {@code objtype_t} ({@code vm_object.h}), the types the model has. */
public enum ObjectType {
    /** Anonymous memory with no swap yet: zero-filled on first touch ({@code OBJT_DEFAULT}). */
    DEFAULT,
    /** Anonymous memory with pages on swap ({@code OBJT_SWAP}); a DEFAULT object turns into one at its first pageout. */
    SWAP,
    /** A file's pages ({@code OBJT_VNODE}). */
    VNODE
}
