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
}
