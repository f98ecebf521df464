package org.odonata.vm.map;

/**
 * A {@code vm_map_entry}: a page-aligned range {@code [start, end)} (virtual page numbers), its protection, how a
 * fork passes it on, its copy-on-write state and its backing chain.
 */
final class VmMapEntry {

    /** {@code VM_INHERIT_SHARE}, {@code VM_INHERIT_COPY}. */
    enum Inherit { SHARE, COPY }

    long start;
    long end;
    int prot;
    final int maxProt;
    final Inherit inherit;
    /** {@code MAP_ENTRY_COW}: private mapping; writes must not reach objects another entry can see. */
    final boolean cow;
    /** {@code MAP_ENTRY_NEEDS_COPY}: the front object is shared since a fork; the next write fault shadows it. */
    boolean needsCopy;
    int advice;
    VmMapBacking ba;

    VmMapEntry(long start, long end, int prot, int maxProt, Inherit inherit, boolean cow, VmMapBacking ba) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.maxProt = maxProt;
        this.inherit = inherit;
        this.cow = cow;
        this.ba = ba;
    }

    /** A copy of this entry covering {@code [from, to)} of it, its backing offsets adjusted. */
    VmMapEntry slice(long from, long to) {
        VmMapEntry e = new VmMapEntry(from, to, prot, maxProt, inherit, cow, shift(ba, from - start));
        e.needsCopy = needsCopy;
        e.advice = advice;
        return e;
    }

    private static VmMapBacking shift(VmMapBacking b, long pages) {
        if (b == null) {
            return null;
        }
        return new VmMapBacking(b.object(), b.offset() + pages, shift(b.backing(), pages));
    }
}
