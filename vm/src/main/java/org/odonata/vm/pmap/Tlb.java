package org.odonata.vm.pmap;

import java.util.Arrays;

import org.odonata.vm.page.VmPage;

/**
 * One CPU's data TLB: a first level of {@value #L1_SETS}×{@value #L1_WAYS} entries and a second level (STLB) of
 * {@value #L2_SETS}×{@value #L2_WAYS}, both set-associative with LRU replacement inside a set, as on a recent x86
 * core; its reach is {@code L2_SETS·L2_WAYS} 4 KiB pages (6 MiB). Entries are tagged with their pmap (as with
 * PCIDs), so entries of several address spaces coexist and must be shot down explicitly.
 * <p>
 * Simplifications: 4 KiB pages only (no 2 MiB entries); no separate instruction TLB; the second level is not
 * filled from first-level evictions.
 */
public final class Tlb {

    static final int L1_SETS = 16;
    static final int L1_WAYS = 4;
    static final int L2_SETS = 128;
    static final int L2_WAYS = 12;
    private static final long EMPTY = -1;

    /** Result of {@link #lookup}: which level hit. */
    public static final int MISS = 0;
    public static final int L1_HIT = 1;
    public static final int L2_HIT = 2;

    private final long[] tag1 = new long[L1_SETS * L1_WAYS];
    private final VmPage[] page1 = new VmPage[L1_SETS * L1_WAYS];
    private final boolean[] rw1 = new boolean[L1_SETS * L1_WAYS];
    private final long[] tag2 = new long[L2_SETS * L2_WAYS];
    private final VmPage[] page2 = new VmPage[L2_SETS * L2_WAYS];
    private final boolean[] rw2 = new boolean[L2_SETS * L2_WAYS];

    /** The translation the last hit found. */
    public VmPage hitPage;
    public boolean hitWritable;

    public Tlb() {
        Arrays.fill(tag1, EMPTY);
        Arrays.fill(tag2, EMPTY);
    }

    /** The tag of a virtual page of a pmap: 36 bits of page number under the pmap's id. */
    public static long tag(long pmapId, long vpn) {
        return pmapId << 36 | vpn;
    }

    /** Looks the tag up in both levels; a hit becomes the most recently used entry of its sets. */
    public int lookup(long tag) {
        int b1 = (int) (tag & (L1_SETS - 1)) * L1_WAYS;
        for (int w = 0; w < L1_WAYS; w++) {
            if (tag1[b1 + w] == tag) {
                hitPage = page1[b1 + w];
                hitWritable = rw1[b1 + w];
                promote(tag1, page1, rw1, b1, w);
                return L1_HIT;
            }
        }
        int b2 = (int) (tag & (L2_SETS - 1)) * L2_WAYS;
        for (int w = 0; w < L2_WAYS; w++) {
            if (tag2[b2 + w] == tag) {
                hitPage = page2[b2 + w];
                hitWritable = rw2[b2 + w];
                promote(tag2, page2, rw2, b2, w);
                fill(tag1, page1, rw1, b1, L1_WAYS, tag, hitPage, hitWritable);
                return L2_HIT;
            }
        }
        return MISS;
    }

    /** Loads a translation after a page walk into both levels. */
    public void insert(long tag, VmPage page, boolean writable) {
        fill(tag1, page1, rw1, (int) (tag & (L1_SETS - 1)) * L1_WAYS, L1_WAYS, tag, page, writable);
        fill(tag2, page2, rw2, (int) (tag & (L2_SETS - 1)) * L2_WAYS, L2_WAYS, tag, page, writable);
    }

    /** {@code invlpg}: drops the tag from both levels. */
    public void invalidate(long tag) {
        drop(tag1, page1, rw1, (int) (tag & (L1_SETS - 1)) * L1_WAYS, L1_WAYS, tag);
        drop(tag2, page2, rw2, (int) (tag & (L2_SETS - 1)) * L2_WAYS, L2_WAYS, tag);
    }

    /** Drops every entry of a pmap (an {@code invltlb} for its PCID). */
    public void invalidatePmap(long pmapId) {
        for (int i = 0; i < tag1.length; i++) {
            if (tag1[i] != EMPTY && tag1[i] >>> 36 == pmapId) {
                tag1[i] = EMPTY;
                page1[i] = null;
            }
        }
        for (int i = 0; i < tag2.length; i++) {
            if (tag2[i] != EMPTY && tag2[i] >>> 36 == pmapId) {
                tag2[i] = EMPTY;
                page2[i] = null;
            }
        }
    }

    private static void promote(long[] tags, VmPage[] pages, boolean[] rw, int base, int way) {
        if (way == 0) {
            return;
        }
        long t = tags[base + way];
        VmPage p = pages[base + way];
        boolean w = rw[base + way];
        System.arraycopy(tags, base, tags, base + 1, way);
        System.arraycopy(pages, base, pages, base + 1, way);
        System.arraycopy(rw, base, rw, base + 1, way);
        tags[base] = t;
        pages[base] = p;
        rw[base] = w;
    }

    private static void fill(long[] tags, VmPage[] pages, boolean[] rw, int base, int ways, long tag, VmPage page,
            boolean writable) {
        int at = ways - 1;
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == tag) {
                at = w;
                break;
            }
        }
        System.arraycopy(tags, base, tags, base + 1, at);
        System.arraycopy(pages, base, pages, base + 1, at);
        System.arraycopy(rw, base, rw, base + 1, at);
        tags[base] = tag;
        pages[base] = page;
        rw[base] = writable;
    }

    private static void drop(long[] tags, VmPage[] pages, boolean[] rw, int base, int ways, long tag) {
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == tag) {
                System.arraycopy(tags, base + w + 1, tags, base + w, ways - w - 1);
                System.arraycopy(pages, base + w + 1, pages, base + w, ways - w - 1);
                System.arraycopy(rw, base + w + 1, rw, base + w, ways - w - 1);
                tags[base + ways - 1] = EMPTY;
                pages[base + ways - 1] = null;
                return;
            }
        }
    }
}
