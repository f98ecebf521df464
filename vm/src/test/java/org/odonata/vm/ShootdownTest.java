package org.odonata.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.Kernel;
import org.odonata.vm.page.VmPage;
import org.odonata.vm.pmap.Pmap;
import org.odonata.vm.pmap.Tlb;

/** pmap_inval: TLB entries cached on other CPUs go through XINVLTLB IPIs that cost, and the caller waits. */
class ShootdownTest {

    @Test
    void everyOtherCpuCachingThePmapGetsAnIpiAndTheCallerWaitsForAllOfThem() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            SimVm vm = (SimVm) k.vm();
            AtomicLong waited = new AtomicLong(-1);
            AtomicLong me = new AtomicLong(-1);
            VmPage page = new VmPage(1234, 0, 0);
            Pmap pmap = new Pmap(99, vm);
            k.spawn("inval", sys -> {
                int cpu = vm.host.cpu();
                me.set(cpu);
                for (int c = 0; c < 4; c++) {
                    vm.inval.tlb(c).insert(Tlb.tag(pmap.id, 5), page, true);
                    pmap.cpus.set(c);
                }
                long t0 = sys.now();
                vm.inval.invalidate(cpu, pmap, new long[] {5}, 1);
                waited.set(sys.now() - t0);
            });
            k.runFor(10_000_000);
            assertEquals(3, vm.inval.ipis, "one IPI per other CPU");
            for (int c = 0; c < 4; c++) {
                assertEquals(Tlb.MISS, vm.inval.tlb(c).lookup(Tlb.tag(pmap.id, 5)), "cpu" + c + " dropped it");
            }
            long ipiNs = k.machine().costs().nanos(k.machine().costs().ipiSmtSibling());
            assertTrue(waited.get() >= ipiNs, "the caller waited for the acknowledgements: " + waited + " ns");
            assertEquals(3, k.vm().stats().shootdownIpis());
        }
    }

    @Test
    void aPmapCachedOnlyOnTheCallersCpuNeedsNoIpi() {
        try (Kernel k = VmKernels.boot("smp-4", 64L << 20, TestLru.factory())) {
            SimVm vm = (SimVm) k.vm();
            VmPage page = new VmPage(1234, 0, 0);
            Pmap pmap = new Pmap(99, vm);
            k.spawn("local", sys -> {
                int cpu = vm.host.cpu();
                vm.inval.tlb(cpu).insert(Tlb.tag(pmap.id, 5), page, true);
                pmap.cpus.set(cpu);
                vm.inval.invalidate(cpu, pmap, new long[] {5}, 1);
                assertEquals(Tlb.MISS, vm.inval.tlb(cpu).lookup(Tlb.tag(pmap.id, 5)));
            });
            k.runFor(10_000_000);
            assertEquals(0, vm.inval.ipis);
            assertTrue(k.faults().isEmpty(), k.faults().toString());
        }
    }

    @Test
    void theTlbReachIsItsSecondLevel() {
        Tlb t = new Tlb();
        VmPage p = new VmPage(1, 0, 0);
        for (long v = 0; v < 1536; v++) {
            t.insert(Tlb.tag(1, v), p, false);
        }
        int hits = 0;
        for (long v = 0; v < 1536; v++) {
            hits += t.lookup(Tlb.tag(1, v)) != Tlb.MISS ? 1 : 0;
        }
        assertEquals(1536, hits, "1536 pages (6 MiB) fit");
        for (long v = 1536; v < 2 * 1536; v++) {
            t.insert(Tlb.tag(1, v), p, false);
        }
        assertEquals(Tlb.MISS, t.lookup(Tlb.tag(1, 0)), "twice the reach evicts the first");
    }
}
