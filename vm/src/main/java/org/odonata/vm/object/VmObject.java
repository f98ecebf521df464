package org.odonata.vm.object;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.vm.VnodePager;
import org.odonata.vm.page.VmPage;

/**
 * A VM object ({@code struct vm_object}, {@code vm_object.c}): resident pages by page index, swap slots by page
 * index for an anonymous object that has been paged out, a reference count (map backings that point at it) and
 * its token, which faults and pageout take before touching its pages.
 * <p>
 * Simplifications: pages are found by hash, not DragonFly's RB tree (same answers, different cost, which the model
 * does not charge); swap slots are kept per page, not in {@code swblock}s of 32 pages; the object's token is the
 * pool token of its name rather than a token embedded in the object.
 */
public final class VmObject {

    public final long id;
    public ObjectType type;
    /** The name its token is looked up by. */
    public final String token;
    /** {@code pg_color}: staggers the colours of different objects' pages. */
    public final int pgColor;
    public int refCount = 1;
    /**
     * {@code OBJ_ONEMAPPING}: every page of the object is mapped by at most one entry, so unmapping a range may free
     * its pages; cleared when a fork or a shared mapping shares the object.
     */
    public boolean oneMapping = true;
    /** An {@code OBJT_VNODE} object's vnode, else null. */
    public VnodePager pager;
    /** {@code vnp_size}: the file's size as the pager last learnt it ({@code vnode_pager_setsize}). */
    public long vnpSize;
    private final Map<Long, VmPage> pages = new HashMap<>();
    private Map<Long, Long> swap;

    public VmObject(long id, ObjectType type) {
        this.id = id;
        this.type = type;
        this.token = "vm_object." + id;
        this.pgColor = (int) (id * 0x9E3779B1L >>> 7);
    }

    public VmPage lookup(long pindex) {
        return pages.get(pindex);
    }

    /** {@code vm_page_insert}. */
    public void insert(VmPage p, long pindex) {
        p.object = this;
        p.pindex = pindex;
        pages.put(pindex, p);
    }

    /** {@code vm_page_remove}. */
    public void remove(VmPage p) {
        pages.remove(p.pindex);
        p.object = null;
    }

    public Iterable<VmPage> pages() {
        return pages.values();
    }

    /** The resident pages with indices in {@code [from, to)}, by index (the order I/O goes in). */
    public List<VmPage> pagesIn(long from, long to) {
        List<VmPage> list = new ArrayList<>();
        for (VmPage p : pages.values()) {
            if (p.pindex >= from && p.pindex < to) {
                list.add(p);
            }
        }
        list.sort(Comparator.comparingLong(p -> p.pindex));
        return list;
    }

    public int residentCount() {
        return pages.size();
    }

    /** The swap slot holding page {@code pindex}, or -1. */
    public long swapSlot(long pindex) {
        if (swap == null) {
            return -1;
        }
        Long s = swap.get(pindex);
        return s == null ? -1 : s;
    }

    /** Records (or, with -1, forgets) the swap slot of {@code pindex}; returns the slot it had, or -1. */
    public long setSwapSlot(long pindex, long slot) {
        if (swap == null) {
            if (slot < 0) {
                return -1;
            }
            swap = new HashMap<>();
        }
        Long old = slot < 0 ? swap.remove(pindex) : swap.put(pindex, slot);
        return old == null ? -1 : old;
    }

    /** Every swap slot, for freeing them with the object. */
    public Iterable<Long> swapSlots() {
        return swap == null ? List.of() : swap.values();
    }

    public int swapCount() {
        return swap == null ? 0 : swap.size();
    }

    @Override
    public String toString() {
        return "object " + id + " " + type;
    }
}
