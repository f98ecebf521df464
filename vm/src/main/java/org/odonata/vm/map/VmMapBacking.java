package org.odonata.vm.map;

import org.odonata.vm.object.VmObject;

/**
 * One link of a map entry's backing chain ({@code struct vm_map_backing}, DragonFly 5.x, which replaced shadow
 * object chains): an object, the page index of the entry's start within it, and the next link to search when this
 * object lacks a page. A write fault in a copy-on-write entry pushes a new link with a fresh anonymous object in
 * front ({@code vm_map_entry_shadow}); after a fork, parent and child share the older links.
 *
 * @param object  the object, or null until the first fault allocates it ({@code vm_map_entry_allocate_object})
 * @param offset  page index in {@code object} of the entry's first page
 * @param backing the next link, or null
 */
public record VmMapBacking(VmObject object, long offset, VmMapBacking backing) {

    /** Links in the chain, this one included. */
    public int depth() {
        int d = 0;
        for (VmMapBacking b = this; b != null; b = b.backing) {
            d++;
        }
        return d;
    }
}
