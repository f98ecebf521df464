package org.odonata.api.vfs;

import org.odonata.api.vm.VnodePager;

/**
 * What {@code mmap(2)} of a descriptor needs from the VFS: the vnode's pager and whether the file is open for
 * writing (without it a shared mapping may never be made writable: {@code vm_mmap}'s {@code maxprot}).
 */
public record FileMapping(VnodePager pager, boolean writable) {
}
