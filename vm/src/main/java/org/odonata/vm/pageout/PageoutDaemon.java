package org.odonata.vm.pageout;

import java.util.List;

import org.odonata.vm.SimVm;
import org.odonata.vm.page.PageQueues;
import org.odonata.vm.page.Thresholds;
import org.odonata.vm.page.VmPage;

/**
 * The pageout daemon ({@code vm_pageout.c}: {@code vm_pageout_thread}, {@code vm_pageout_scan_inactive},
 * {@code vm_pageout_scan_cache}), a kernel thread. It sleeps on {@code vm_pages_needed} (at most
 * {@value #STATS_INTERVAL_NANOS} ns) until an allocation finds free plus cache pages below
 * {@code free_reserved + cache_min}; then it takes victims from each pool's policy, the machine's first, evicting
 * them (laundering dirty ones to swap) until the paging target is met, frees cache pages until free pages reach
 * {@code (free_min + free_target) / 2}, and wakes the threads sleeping in {@code vm_wait}. When that leaves memory
 * below {@code free_min} and nothing could be evicted (no swap for dirty pages), it kills the largest process, as
 * DragonFly does when out of swap. Cost: {@value #SCAN_CYCLES} cycles per page considered, plus what eviction
 * costs. Simplification: no emergency pager; the active-to-inactive balancing is the policy's business.
 */
public final class PageoutDaemon {

    static final long STATS_INTERVAL_NANOS = 5_000_000_000L;
    static final long SCAN_CYCLES = 100;

    private final SimVm vm;
    /** {@code vm_pages_needed}. */
    private boolean needed;
    private final Object ident = new Object();

    public PageoutDaemon(SimVm vm) {
        this.vm = vm;
    }

    /** {@code pagedaemon_wakeup}. */
    public void wakeup() {
        if (!needed) {
            needed = true;
            vm.host.wakeup(ident);
        }
    }

    /** The thread's body: never returns. */
    public void run() {
        int cpu = vm.host.cpu();
        Thresholds t = vm.thresholds;
        PageQueues q = vm.queues;
        while (true) {
            if (!needed) {
                boolean woken = vm.host.tsleep(ident, "psleep", STATS_INTERVAL_NANOS);
                if (!woken && !t.pagingNeeded(q.freePages(), q.cachePages())) {
                    continue;
                }
            }
            needed = false;
            vm.counters.pagedaemonRuns++;
            boolean evicted = scan(cpu, t.pagingTarget(q.freePages(), q.cachePages()));
            scanCache(cpu);
            vm.host.wakeup(vm.freeWaiters);
            if (!evicted && q.freePages() + q.cachePages() < t.freeMin()) {
                vm.outOfSwap();
            }
        }
    }

    /** Evicts up to {@code shortage} pages, machine pool first; returns whether it evicted any. */
    private boolean scan(int cpu, long shortage) {
        boolean any = false;
        List<ResidentPool> pools = vm.poolsByPriority();
        for (ResidentPool pool : pools) {
            long tries = pool.resident();
            while (shortage > 0 && tries-- > 0) {
                VmPage v = pool.victim();
                if (v == null) {
                    break;
                }
                vm.machine.cpu(cpu).charge(SCAN_CYCLES);
                if (vm.evict(cpu, v)) {
                    shortage--;
                    any = true;
                } else {
                    pool.admit(v);
                }
            }
        }
        return any;
    }

    private void scanCache(int cpu) {
        Thresholds t = vm.thresholds;
        while (vm.queues.freePages() < (t.freeMin() + t.freeTarget()) / 2) {
            VmPage p = vm.queues.reclaimCached(cpu, 0);
            if (p == null) {
                return;
            }
            p.object.remove(p);
            vm.queues.free(cpu, p);
        }
    }
}
