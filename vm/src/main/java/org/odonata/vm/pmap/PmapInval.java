package org.odonata.vm.pmap;

import org.odonata.api.vm.VmHost;

/**
 * TLB invalidation after page-table edits ({@code pmap_inval.c}: {@code pmap_inval_smp},
 * {@code pmap_inval_bulk}): the calling CPU invalidates its own TLB ({@value #INVLPG_CYCLES} cycles per page), and
 * every other CPU that may hold the pmap's entries gets an {@code XINVLTLB} IPI whose handler does the same, while
 * the caller spins for their acknowledgements; beyond {@value #MAX_INVAL_PAGES} pages the targets drop all of the
 * pmap's entries instead. The caller frees the pages only after this returns.
 */
public final class PmapInval {

    /** {@code MAX_INVAL_PAGES}. */
    public static final int MAX_INVAL_PAGES = 128;
    static final long INVLPG_CYCLES = 40;

    private final Tlb[] tlbs;
    private final VmHost host;
    public long ipis;

    public PmapInval(Tlb[] tlbs, VmHost host) {
        this.tlbs = tlbs;
        this.host = host;
    }

    public Tlb tlb(int cpu) {
        return tlbs[cpu];
    }

    /** Invalidates {@code n} virtual pages of {@code pmap} on every CPU that may cache them. */
    public void invalidate(int cpu, Pmap pmap, long[] vpns, int n) {
        if (n == 0) {
            return;
        }
        boolean all = n > MAX_INVAL_PAGES;
        int targets = 0;
        for (int c = pmap.cpus.nextSetBit(0); c >= 0; c = pmap.cpus.nextSetBit(c + 1)) {
            if (c != cpu) {
                targets++;
            }
        }
        if (pmap.cpus.get(cpu)) {
            invalidateLocal(cpu, pmap, vpns, n, all);
        }
        if (targets == 0) {
            return;
        }
        int[] remote = new int[targets];
        int k = 0;
        for (int c = pmap.cpus.nextSetBit(0); c >= 0; c = pmap.cpus.nextSetBit(c + 1)) {
            if (c != cpu) {
                remote[k++] = c;
            }
        }
        ipis += targets;
        long[] copy = java.util.Arrays.copyOf(vpns, n);
        host.shootdown(remote, c -> invalidateLocal(c, pmap, copy, n, all));
    }

    private void invalidateLocal(int cpu, Pmap pmap, long[] vpns, int n, boolean all) {
        Tlb t = tlbs[cpu];
        if (all) {
            t.invalidatePmap(pmap.id);
            pmap.cpus.clear(cpu);
            host.machine().cpu(cpu).charge(INVLPG_CYCLES * 4);
            return;
        }
        for (int i = 0; i < n; i++) {
            t.invalidate(Tlb.tag(pmap.id, vpns[i]));
        }
        host.machine().cpu(cpu).charge(INVLPG_CYCLES * n);
    }
}
