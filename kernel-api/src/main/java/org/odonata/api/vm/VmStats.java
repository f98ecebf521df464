package org.odonata.api.vm;

/**
 * VM counters since boot, and page counts now.
 *
 * @param faults          page faults handled ({@code vm_fault} calls)
 * @param bypassFaults    faults resolved by the lockless {@code vm_fault_bypass} path
 * @param zeroFills       pages zero-filled
 * @param cowFaults       copy-on-write copies
 * @param reactivations   faults that found the page still in memory (the cache queue, another mapping)
 * @param swapIns         pages read from swap
 * @param swapOuts        pages written to swap
 * @param segvs           faults outside every mapping or against its protection
 * @param tlbMisses       first-level TLB misses served by the second level
 * @param pageWalks       misses in both TLB levels
 * @param shootdownIpis   XINVLTLB IPIs sent
 * @param pagesFreed      pages the pageout daemon or local replacement reclaimed
 * @param pagedaemonRuns  pageout daemon passes
 * @param totalPages      physical pages of the machine
 * @param freePages       pages on the free queues or never used
 * @param cachePages      clean reclaimable pages on the cache queue
 * @param residentPages   pages holding process data (in a pool)
 * @param wiredPages      page-table pages
 * @param swapUsed        swap slots in use
 */
public record VmStats(long faults, long bypassFaults, long zeroFills, long cowFaults, long reactivations,
        long swapIns, long swapOuts, long segvs, long tlbMisses, long pageWalks, long shootdownIpis, long pagesFreed,
        long pagedaemonRuns, long totalPages, long freePages, long cachePages, long residentPages, long wiredPages,
        long swapUsed) {
}
