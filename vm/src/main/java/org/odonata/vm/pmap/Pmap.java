package org.odonata.vm.pmap;

import java.util.BitSet;
import java.util.function.LongConsumer;

import org.odonata.vm.page.VmPage;

/**
 * One address space's page tables ({@code struct pmap}, {@code pc64/x86_64/pmap.c}): a four-level radix tree
 * (PML4, PDP, PD, PT; 512 entries each, shifts 39/30/21/12), each table a wired physical page from the VM. Leaf
 * entries hold {@code frame << 12 | PG_V | PG_RW | PG_U | PG_MANAGED}; the page each maps is kept beside it.
 * {@link #cpus} is the set of CPUs whose TLB may hold this pmap's entries, the targets of its shootdowns.
 * <p>
 * Simplifications: empty page-table pages are freed only with the pmap; no 2 MiB pages; the accessed and
 * modified bits live on the page ({@link VmPage#referenced}, {@link VmPage#dirty}), not in the PTE.
 */
public final class Pmap {

    public static final long PG_V = 0x1;
    public static final long PG_RW = 0x2;
    public static final long PG_U = 0x4;
    public static final long PG_MANAGED = 0x400;

    private static final class Table {
        final Object[] next = new Object[512];
        final VmPage page;

        Table(VmPage page) {
            this.page = page;
        }
    }

    private static final class Leaf {
        final long[] pte = new long[512];
        final VmPage[] page = new VmPage[512];
        final VmPage ptPage;

        Leaf(VmPage ptPage) {
            this.ptPage = ptPage;
        }
    }

    public final long id;
    public final BitSet cpus = new BitSet();
    private final PtPages ptPages;
    private Table root;
    private long resident;
    private int tables;

    public Pmap(long id, PtPages ptPages) {
        this.id = id;
        this.ptPages = ptPages;
    }

    /** Leaf mappings. */
    public long resident() {
        return resident;
    }

    /** Page-table pages in use. */
    public int tables() {
        return tables;
    }

    /** The leaf entry of {@code vpn}, or 0. */
    public long pte(long vpn) {
        Leaf l = leaf(vpn);
        return l == null ? 0 : l.pte[(int) (vpn & 511)];
    }

    /** The page {@code vpn} maps, or null. */
    public VmPage page(long vpn) {
        Leaf l = leaf(vpn);
        return l == null ? null : l.page[(int) (vpn & 511)];
    }

    /**
     * {@code pmap_enter}: maps {@code vpn} to {@code page}, replacing nothing (the slot must be empty or map the same
     * page, whose rights it then changes). Returns false, changing nothing, when a page-table page is needed and
     * none can be had.
     */
    public boolean enter(int cpu, long vpn, VmPage page, boolean writable) {
        Leaf l = leafCreate(cpu, vpn);
        if (l == null) {
            return false;
        }
        int i = (int) (vpn & 511);
        if (l.page[i] == null) {
            resident++;
            page.mappings.add(this, vpn);
        } else if (l.page[i] != page) {
            throw new IllegalStateException("pmap " + id + ": vpn " + Long.toHexString(vpn) + " already maps "
                    + l.page[i] + ", not " + page);
        }
        l.page[i] = page;
        l.pte[i] = page.frame << 12 | PG_V | PG_U | PG_MANAGED | (writable ? PG_RW : 0);
        return true;
    }

    /** {@code pmap_remove} of one page: clears the entry; returns the page it mapped, or null. */
    public VmPage remove(long vpn) {
        Leaf l = leaf(vpn);
        if (l == null) {
            return null;
        }
        int i = (int) (vpn & 511);
        VmPage p = l.page[i];
        if (p != null) {
            l.page[i] = null;
            l.pte[i] = 0;
            resident--;
            p.mappings.remove(this, vpn);
        }
        return p;
    }

    /** Clears {@code PG_RW}; returns whether it was set. */
    public boolean writeProtect(long vpn) {
        Leaf l = leaf(vpn);
        if (l == null) {
            return false;
        }
        int i = (int) (vpn & 511);
        if ((l.pte[i] & PG_RW) == 0) {
            return false;
        }
        l.pte[i] &= ~PG_RW;
        return true;
    }

    /** Calls {@code action} with every mapped virtual page in {@code [from, to)}, skipping absent tables. */
    public void forEachMapped(long from, long to, LongConsumer action) {
        if (root != null && from < to) {
            walk(root, 3, 0, from, to, action);
        }
    }

    /** Visits the subtree of {@code node} (covering 512^(level+1) pages from {@code base}) inside the range. */
    private void walk(Object node, int level, long base, long from, long to, LongConsumer action) {
        if (level == 0) {
            Leaf l = (Leaf) node;
            for (long v = Math.max(from, base); v < Math.min(to, base + 512); v++) {
                if (l.page[(int) (v & 511)] != null) {
                    action.accept(v);
                }
            }
            return;
        }
        long span = 1L << (9 * level);
        Object[] next = ((Table) node).next;
        for (int i = 0; i < 512; i++) {
            long lo = base + i * span;
            if (next[i] != null && lo < to && lo + span > from) {
                walk(next[i], level - 1, lo, from, to, action);
            }
        }
    }

    /** {@code pmap_release}: frees every page-table page; the leaf entries must already be gone. */
    public void release(int cpu) {
        if (root != null) {
            releaseTable(cpu, root, 3);
            root = null;
        }
    }

    private void releaseTable(int cpu, Object node, int level) {
        if (level == 0) {
            ptPages.freePt(cpu, ((Leaf) node).ptPage);
        } else {
            Table t = (Table) node;
            for (Object child : t.next) {
                if (child != null) {
                    releaseTable(cpu, child, level - 1);
                }
            }
            ptPages.freePt(cpu, t.page);
        }
        tables--;
    }

    private Leaf leaf(long vpn) {
        Table t = root;
        if (t == null) {
            return null;
        }
        t = (Table) t.next[(int) (vpn >>> 27 & 511)];
        if (t == null) {
            return null;
        }
        t = (Table) t.next[(int) (vpn >>> 18 & 511)];
        return t == null ? null : (Leaf) t.next[(int) (vpn >>> 9 & 511)];
    }

    private Leaf leafCreate(int cpu, long vpn) {
        if (root == null) {
            VmPage p = ptPages.allocPt(cpu);
            if (p == null) {
                return null;
            }
            root = new Table(p);
            tables++;
        }
        Table t = root;
        for (int shift = 27; shift >= 18; shift -= 9) {
            int i = (int) (vpn >>> shift & 511);
            Table next = (Table) t.next[i];
            if (next == null) {
                VmPage p = ptPages.allocPt(cpu);
                if (p == null) {
                    return null;
                }
                next = new Table(p);
                t.next[i] = next;
                tables++;
            }
            t = next;
        }
        int i = (int) (vpn >>> 9 & 511);
        Leaf l = (Leaf) t.next[i];
        if (l == null) {
            VmPage p = ptPages.allocPt(cpu);
            if (p == null) {
                return null;
            }
            l = new Leaf(p);
            t.next[i] = l;
            tables++;
        }
        return l;
    }
}
