package org.odonata.vm.swap;

import java.util.BitSet;

/**
 * Swap space ({@code swap_pager.c}: {@code swp_pager_getswapspace}, {@code swp_pager_freeswapspace}): page-sized
 * slots on one device, allocated lowest first so runs are deterministic. Simplification: a bitmap instead of
 * DragonFly's {@code blist} radix tree (same allocation order for single pages, no multi-page clusters).
 */
public final class SwapPager {

    private final SwapIo io;
    private final BitSet used = new BitSet();
    private final long slots;
    private int inUse;

    /** @param io the device, or null for a machine without swap */
    public SwapPager(SwapIo io) {
        this.io = io;
        this.slots = io == null ? 0 : io.slots();
    }

    public boolean present() {
        return io != null;
    }

    public int inUse() {
        return inUse;
    }

    /** A free slot, or -1 when swap is full or absent ({@code swap_pager_full}). */
    public long alloc() {
        int s = used.nextClearBit(0);
        if (s >= slots) {
            return -1;
        }
        used.set(s);
        inUse++;
        return s;
    }

    public void free(long slot) {
        if (!used.get((int) slot)) {
            throw new IllegalStateException("swap slot " + slot + " is already free");
        }
        used.clear((int) slot);
        inUse--;
    }

    /** {@code swap_pager_putpages} of one page: blocks for the write. */
    public void write(long slot) {
        io.write(slot);
    }

    /** {@code swap_pager_getpages} of one page: blocks for the read. */
    public void read(long slot) {
        io.read(slot);
    }
}
