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
    /** Slots holding a page with modelled contents (the others hold zeros and read back as null). */
    private final BitSet withData = new BitSet();
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
        withData.clear((int) slot);
        inUse--;
    }

    /** {@code swap_pager_putpages} of one page ({@code data} null: not modelled): blocks for the write. */
    public void write(long slot, byte[] data) {
        withData.set((int) slot, data != null);
        io.write(slot, data);
    }

    /** {@code swap_pager_getpages} of one page: blocks for the read; its contents, or null when not modelled. */
    public byte[] read(long slot) {
        byte[] page = new byte[4096];
        io.read(slot, page);
        return withData.get((int) slot) ? page : null;
    }
}
