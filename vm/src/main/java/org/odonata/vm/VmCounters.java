package org.odonata.vm;

/** The VM's event counters since boot (see {@link org.odonata.api.vm.VmStats}). */
public final class VmCounters {
    public long faults;
    public long bypassFaults;
    public long zeroFills;
    public long cowFaults;
    public long reactivations;
    public long swapIns;
    public long swapOuts;
    public long segvs;
    public long tlbMisses;
    public long pageWalks;
    public long pagesFreed;
    public long pagedaemonRuns;
    /** Pages read in through a vnode pager ({@code vnode_pager_getpage}). */
    public long vnodePageIns;
    /** Dirty file pages written through a vnode pager (msync, fsync, pageout, reclaim). */
    public long vnodePageOuts;
    /** Accesses to a file mapping wholly past the end of the file. */
    public long sigbus;
}
