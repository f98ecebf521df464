package org.odonata.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import org.odonata.api.cost.CostModel;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.machine.Machine;
import org.odonata.api.memory.HostBackedMemory;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.vm.Vm;
import org.odonata.api.vm.VmHost;
import org.odonata.api.vm.VmSpace;
import org.odonata.api.vm.VmStats;
import org.odonata.vm.map.VmSpaceImpl;
import org.odonata.vm.object.ObjectType;
import org.odonata.vm.object.VmObject;
import org.odonata.vm.page.PageBytes;
import org.odonata.vm.page.PageQueue;
import org.odonata.vm.page.PageQueues;
import org.odonata.vm.page.Thresholds;
import org.odonata.vm.page.VmPage;
import org.odonata.vm.pageout.PageoutDaemon;
import org.odonata.vm.pageout.ResidentPool;
import org.odonata.vm.pmap.Pmap;
import org.odonata.vm.pmap.PmapInval;
import org.odonata.vm.pmap.PtPages;
import org.odonata.vm.pmap.Tlb;
import org.odonata.vm.swap.SwapIo;
import org.odonata.vm.swap.SwapPager;
import org.odonata.vm.vnode.VnodePagerObject;

/**
 * One kernel's VM system: the page queues and thresholds, the TLBs, swap, the machine's pool of resident pages and
 * the per-process pools, the pageout daemon, and the page life cycle shared by faults and pageout
 * ({@code vm_page_alloc} with local replacement and {@code vm_wait}; eviction as {@code vm_pageout_clean} and
 * {@code vm_page_cache}; {@code vm_page_free}). Confined to the machine's host thread.
 */
public final class SimVm implements Vm, PtPages, ResidentPool.Owner {

    /** {@code pmap_ts_referenced}: cycles per mapping whose accessed bit is tested and cleared. */
    static final long TS_REFERENCED_CYCLES = 30;
    /** {@code VMOBJ_HSIZE}: the object lists and their tokens. */
    static final int VMOBJ_HSIZE = 256;
    private static final String[] VMOBJ_TOKENS = new String[VMOBJ_HSIZE];

    static {
        for (int i = 0; i < VMOBJ_HSIZE; i++) {
            VMOBJ_TOKENS[i] = "vmobj_tokens." + i;
        }
    }

    /** How long {@code vm_wait} sleeps before the allocation is retried, in ns (DragonFly's {@code hz} timeout). */
    static final long VM_WAIT_NANOS = 10_000_000L;

    public final VmHost host;
    public final Machine machine;
    public final CostModel costs;
    public final PageQueues queues;
    public final Thresholds thresholds;
    public final PmapInval inval;
    public final SwapPager swap;
    /** Where pages' bytes live: the pages themselves, or a host's pages under a vkernel guest. */
    public final PageBytes bytes;
    /** The host mapping this machine's memory is (a vkernel guest's), or null. */
    public final HostBackedMemory hostMemory;
    public final VmCounters counters = new VmCounters();
    public final LockFactory locks;
    public final SyncHost syncHost;
    private final ResidentPool machinePool;
    private final List<ResidentPool> processPools = new ArrayList<>();
    private final List<VmSpaceImpl> spaces = new ArrayList<>();
    private final Map<String, long[]> sysctls = new TreeMap<>();
    private final PageoutDaemon daemon;
    private PageoutPolicyFactory wanted;
    private PageoutPolicyFactory machinePolicy;
    private PageoutPolicyFactory fallback;
    private long nextObject = 1;
    /** Bumped before anything a fault may sleep in; see {@link #blocking()}. */
    private long epoch;
    private long nextPmap = 1;
    /** The ident {@code vm_wait} sleeps on ({@code &vmstats.v_free_count}). */
    public final Object freeWaiters = new Object();

    public SimVm(VmHost host, LockFactory locks, PageoutPolicyFactory policy, int swapDevice) {
        this.host = host;
        this.machine = host.machine();
        this.costs = machine.costs();
        this.locks = locks;
        this.syncHost = new SyncHost() {
            @Override
            public Machine machine() {
                return machine;
            }

            @Override
            public RandomGenerator random() {
                return machine.engine().random().stream("sync.vm");
            }
        };
        this.queues = new PageQueues(machine, locks, syncHost);
        this.thresholds = Thresholds.of(queues.totalPages());
        int ncpus = machine.topology().cpuCount();
        Tlb[] tlbs = new Tlb[ncpus];
        for (int c = 0; c < ncpus; c++) {
            tlbs[c] = new Tlb();
        }
        this.inval = new PmapInval(tlbs, host);
        this.hostMemory = machine.memory() instanceof HostBackedMemory h ? h : null;
        this.bytes = new PageBytes(hostMemory);
        this.swap = new SwapPager(swapDevice < 0 ? null : new SwapIo(host.blockIo(), machine.disks().get(swapDevice)));
        if (policy.needsFuture()) {
            throw new IllegalArgumentException("pageout policy '" + policy.name()
                    + "' needs the future of the references, which only a trace replay declares");
        }
        this.wanted = policy;
        this.machinePolicy = policy;
        this.machinePool = new ResidentPool(this, "machine", queues.totalPages(), false, policy);
        sysctls.put("vm.fault_bypass", new long[] {1, 0, 1});
        sysctls.put("vm.shared_fault", new long[] {1, 0, 1});
        this.daemon = new PageoutDaemon(this);
        host.kthreads().create("pagedaemon", 0, daemon::run);
    }

    // ---- Vm -----------------------------------------------------------------------------------------------

    @Override
    public VmSpace vmspaceAlloc(int pid) {
        VmSpaceImpl s = new VmSpaceImpl(this, pid, new Pmap(nextPmap++, this));
        spaces.add(s);
        return s;
    }

    @Override
    public String policy() {
        return wanted.name();
    }

    @Override
    public SwapReport swapPolicy(PageoutPolicyFactory factory) {
        long t0 = System.nanoTime();
        String from = wanted.name();
        wanted = factory;
        int moved = 0;
        if (!factory.needsFuture()) {
            machinePolicy = factory;
            moved += machinePool.swap(factory);
        }
        for (ResidentPool p : processPools) {
            PageoutPolicyFactory f = policyFor(p);
            if (!p.policyName().equals(f.name()) || f == factory) {
                moved += p.swap(f);
            }
        }
        return new SwapReport("vm", from, factory.name(), machine.engine().now(), moved, System.nanoTime() - t0);
    }

    @Override
    public void setFallback(PageoutPolicyFactory f) {
        fallback = f;
    }

    @Override
    public PageoutPolicyFactory policyFailed(ResidentPool pool, String why, RuntimeException failure) {
        if (fallback == null || fallback.name().equals(pool.policyName())) {
            host.fault(why + " in " + pool.name() + "; no fallback");
            return null;
        }
        host.fault(why + " in " + pool.name() + "; ejected, " + pool.name() + " continues with '" + fallback.name()
                + "'");
        // new pools must not get the faulty policy either
        if (wanted.name().equals(pool.policyName())) {
            wanted = fallback;
        }
        if (machinePolicy.name().equals(pool.policyName())) {
            machinePolicy = fallback;
        }
        return fallback;
    }

    /** The policy a pool runs: the one asked for, unless it needs a future the pool's process did not declare. */
    public PageoutPolicyFactory policyFor(ResidentPool pool) {
        return !wanted.needsFuture() || pool.knowsFuture() ? wanted : machinePolicy;
    }

    @Override
    public VmStats stats() {
        long resident = machinePool.resident();
        for (ResidentPool p : processPools) {
            resident += p.resident();
        }
        VmCounters c = counters;
        return new VmStats(c.faults, c.bypassFaults, c.zeroFills, c.cowFaults, c.reactivations, c.swapIns,
                c.swapOuts, c.segvs, c.tlbMisses, c.pageWalks, inval.ipis, c.pagesFreed, c.pagedaemonRuns,
                queues.totalPages(), queues.freePages(), queues.cachePages(), resident, queues.wiredPages(),
                swap.inUse());
    }

    @Override
    public Map<String, Long> pagerStats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("vnode.pageins", counters.vnodePageIns);
        m.put("vnode.pageouts", counters.vnodePageOuts);
        m.put("sigbus", counters.sigbus);
        return m;
    }

    @Override
    public List<Sysctl> sysctls() {
        List<Sysctl> list = new ArrayList<>();
        sysctls.forEach((name, v) -> list.add(new Sysctl(name, v[0], v[1], v[2], describe(name))));
        return list;
    }

    private static String describe(String name) {
        return switch (name) {
            case "vm.fault_bypass" -> "1: try the lockless vm_fault_bypass path first (resident page in the first object)";
            case "vm.shared_fault" -> "1: read faults take the object token shared";
            default -> "";
        };
    }

    @Override
    public long sysctl(String name, long value) {
        long[] v = sysctls.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown VM sysctl '" + name + "'; valid: "
                    + String.join(", ", sysctls.keySet()));
        }
        if (value < v[1] || value > v[2]) {
            throw new IllegalArgumentException(name + " must be in " + v[1] + ".." + v[2] + ", was " + value);
        }
        long old = v[0];
        v[0] = value;
        return old;
    }

    public boolean sysctlOn(String name) {
        return sysctls.get(name)[0] != 0;
    }

    // ---- pools --------------------------------------------------------------------------------------------

    public ResidentPool machinePool() {
        return machinePool;
    }

    /** A pool of {@code pages} for one process ({@code RLIMIT_RSS}). */
    public ResidentPool newProcessPool(String name, long pages) {
        ResidentPool p = new ResidentPool(this, name, pages, true, machinePolicy);
        processPools.add(p);
        return p;
    }

    /** Runs the wanted policy in a pool whose process just declared its future. */
    public void futureDeclared(ResidentPool pool) {
        PageoutPolicyFactory f = policyFor(pool);
        if (!pool.policyName().equals(f.name())) {
            pool.swap(f);
        }
    }

    public void dropProcessPool(ResidentPool pool) {
        processPools.remove(pool);
    }

    /** The pools the pageout daemon reclaims from, in order: the machine's, then each process's. */
    public List<ResidentPool> poolsByPriority() {
        List<ResidentPool> all = new ArrayList<>(processPools.size() + 1);
        all.add(machinePool);
        all.addAll(processPools);
        return all;
    }

    /** The out-of-swap kill ({@code vm_pageout_scan_callback}): the space with the most resident pages dies. */
    public void outOfSwap() {
        VmSpaceImpl biggest = null;
        for (VmSpaceImpl s : spaces) {
            if (biggest == null || s.residentPages() > biggest.residentPages()) {
                biggest = s;
            }
        }
        if (biggest != null && biggest.residentPages() > 0) {
            host.kill(biggest.pid(), 9, "out of swap space: " + biggest.residentPages() + " resident pages");
        }
    }

    /** An address space that exited. */
    public void spaceGone(VmSpaceImpl space) {
        spaces.remove(space);
    }

    @Override
    public boolean testAndClearReferenced(VmPage page) {
        int cpu = host.cpu();
        if (cpu >= 0) {
            machine.cpu(cpu).charge(TS_REFERENCED_CYCLES * Math.max(1, page.mappings.size()));
        }
        boolean r = page.referenced;
        page.referenced = false;
        return r;
    }

    @Override
    public RandomGenerator random(String name) {
        return machine.engine().random().stream(name);
    }

    @Override
    public long now() {
        return machine.engine().now();
    }

    // ---- objects ------------------------------------------------------------------------------------------

    /**
     * {@code vm_object_allocate}: a new anonymous object, entered on its hash chain of the object lists under that
     * chain's token ({@code vmobj_tokens[]}, {@value #VMOBJ_HSIZE} of them).
     */
    public VmObject newObject() {
        VmObject o = new VmObject(nextObject++, ObjectType.DEFAULT);
        objectListToken(o);
        host.reltoken();
        return o;
    }

    private void objectListToken(VmObject o) {
        host.gettoken(VMOBJ_TOKENS[(int) (o.id % VMOBJ_HSIZE)], TokenMode.EXCLUSIVE);
    }

    /**
     * {@code vm_object_deallocate}: the last reference frees the object's pages and swap slots and takes it off its
     * object list ({@code vm_object_terminate}).
     */
    public void deallocate(int cpu, VmObject obj) {
        if (--obj.refCount > 0) {
            return;
        }
        if (obj.type == ObjectType.VNODE) {
            // the object stays with its vnode, pages and all; only the vnode's reference goes (vnode_pager_dealloc
            // runs at the vnode's reclaim)
            obj.pager.vrele();
            return;
        }
        objectListToken(obj);
        host.reltoken();
        for (VmPage p : new ArrayList<VmPage>(toList(obj.pages()))) {
            if (p.pool != null) {
                ((ResidentPool) p.pool).remove(p);
            }
            obj.remove(p);
            queues.free(cpu, p);
        }
        for (long slot : toList(obj.swapSlots())) {
            swap.free(slot);
        }
    }

    private static <T> List<T> toList(Iterable<T> it) {
        List<T> list = new ArrayList<>();
        it.forEach(list::add);
        return list;
    }

    // ---- pages --------------------------------------------------------------------------------------------

    /** {@code vm_object_reference}: one more mapping; a vnode's object holds the vnode while it is mapped. */
    public void reference(VmObject obj) {
        if (obj.refCount++ == 0 && obj.type == ObjectType.VNODE) {
            obj.pager.vref();
        }
    }

    /** {@link #allocPage}'s answer when local replacement cannot evict anything (a dirty page and no swap). */
    public static final VmPage UNEVICTABLE = new VmPage(-1, 0, 0);

    /**
     * {@code vm_page_alloc} for {@code pindex} of {@code obj}, to be made resident in {@code pool}: first room in a
     * limited pool by local replacement (evicting the policy's victims), then a free page of the wanted colour on
     * the CPU's node, else a cached page reclaimed, waking the pageout daemon below its thresholds. Returns the page,
     * inserted and hard-busy but not yet in the pool; {@link #UNEVICTABLE}; or null when the caller must retry its
     * fault because this slept ({@code vm_wait}, a page-out) and the world may have changed.
     */
    public VmPage allocPage(int cpu, VmObject obj, long pindex, ResidentPool pool) {
        long e0 = epoch;
        if (!makeRoom(cpu, pool)) {
            return UNEVICTABLE;
        }
        int node = machine.topology().cpu(cpu).numaNode();
        VmPage p = allocFrame(cpu, node, obj.pgColor + pindex, thresholds.freeReserved());
        if (p == null) {
            vmWait();
            return null;
        }
        if (epoch != e0 || obj.lookup(pindex) != null) {
            queues.free(cpu, p);
            return null;
        }
        obj.insert(p, pindex);
        p.busy = true;
        return p;
    }

    public long epoch() {
        return epoch;
    }

    /** Counts a point where a fault's thread may sleep: a fault that saw it change retries from the start. */
    public void blocking() {
        epoch++;
    }

    /** Evicts victims of a limited pool until it has room for one more page; false if a victim cannot go. */
    public boolean makeRoom(int cpu, ResidentPool pool) {
        while (pool.limited() && pool.resident() >= pool.capacity()) {
            VmPage v = pool.victim();
            if (v == null) {
                return true;
            }
            if (!evict(cpu, v)) {
                pool.admit(v);
                return false;
            }
        }
        return true;
    }

    /** A page off every queue with no identity, or null when free and cache pages are below {@code reserve}. */
    private VmPage allocFrame(int cpu, int node, long colour, long reserve) {
        long free = queues.freePages();
        long cache = queues.cachePages();
        if (thresholds.pagingNeeded(free, cache)) {
            daemon.wakeup();
        }
        VmPage p = null;
        if (free > reserve) {
            p = queues.allocFree(cpu, node, (int) colour);
        }
        if (p == null) {
            p = queues.reclaimCached(cpu, node);
            if (p != null) {
                p.object.remove(p);
                queues.free(cpu, p);
                p = queues.allocFree(cpu, node, (int) colour);
            }
        }
        return p;
    }

    /** {@code vm_wait}: wakes the pageout daemon and sleeps until it frees pages (or a tick passes). */
    public void vmWait() {
        blocking();
        daemon.wakeup();
        host.tsleep(freeWaiters, "vmwait", VM_WAIT_NANOS);
    }

    @Override
    public VmPage allocPt(int cpu) {
        int node = machine.topology().cpu(cpu).numaNode();
        VmPage p = allocFrame(cpu, node, 0, thresholds.freeSevere() / 2);
        if (p != null) {
            queues.wire(p);
            p.valid = true;
        }
        return p;
    }

    @Override
    public void freePt(int cpu, VmPage page) {
        queues.free(cpu, page);
    }

    /** Unbusies a page and wakes whoever sleeps on it ({@code vm_page_wakeup}). */
    public void wakeupPage(VmPage p) {
        p.busy = false;
        if (p.wanted) {
            p.wanted = false;
            host.wakeup(p);
        }
    }

    /**
     * Evicts a page that left its pool ({@code vm_pageout_page}): hard-busies it, removes every mapping with a TLB
     * shootdown ({@code vm_page_protect(VM_PROT_NONE)}), writes it to swap if dirty ({@code vm_pageout_clean}), and
     * puts it on the cache queue ({@code vm_page_cache}). Returns false, leaving the page mapped-out but resident,
     * when it is busy or dirty with no swap slot to be had.
     */
    public boolean evict(int cpu, VmPage p) {
        if (p.busy || p.softBusy > 0) {
            return false;
        }
        VmObject obj = p.object;
        if (obj.type == ObjectType.VNODE) {
            return evictVnodePage(cpu, p);
        }
        if (p.dirty && !swap.present()) {
            return false;
        }
        p.busy = true;
        unmapAll(cpu, p);
        if (p.dirty) {
            long slot = obj.swapSlot(p.pindex);
            if (slot < 0) {
                slot = swap.alloc();
                if (slot < 0) {
                    wakeupPage(p);
                    return false;
                }
                obj.setSwapSlot(p.pindex, slot);
                if (obj.type == ObjectType.DEFAULT) {
                    obj.type = ObjectType.SWAP;
                }
            }
            p.dirty = false;
            counters.swapOuts++;
            blocking();
            swap.write(slot, bytes.get(cpu, p));
        }
        return cacheCleaned(cpu, p);
    }

    /** The end of an eviction: the clean, unmapped page goes to the cache queue ({@code vm_page_cache}). */
    private boolean cacheCleaned(int cpu, VmPage p) {
        if (p.object == null) {
            // its object died while the page was being written out
            queues.free(cpu, p);
            wakeupPage(p);
            return true;
        }
        queues.cache(cpu, p);
        counters.pagesFreed++;
        wakeupPage(p);
        return true;
    }

    /**
     * A file page's eviction: unmapped, and if dirty written back to its file through the vnode pager
     * ({@code vm_pageout_clean} → {@code vnode_pager_putpages}), never to swap; then cached like any clean page.
     * Returns false, the page staying resident and dirty, when the write fails.
     */
    private boolean evictVnodePage(int cpu, VmPage p) {
        p.busy = true;
        unmapAll(cpu, p);
        if (p.dirty) {
            blocking();
            if (VnodePagerObject.putpage(this, p) < 0) {
                wakeupPage(p);
                return false;
            }
            if (p.object != null && VnodePagerObject.pastEnd(p)) {
                // truncated while it was being written: freed, not cached (vnode_pager_generic_putpages)
                wakeupPage(p);
                VnodePagerObject.discardPastEnd(this, cpu, p);
                counters.pagesFreed++;
                return true;
            }
        }
        return cacheCleaned(cpu, p);
    }

    /** {@code pmap_remove_all}: removes every leaf mapping of the page, shooting the TLB entries down. */
    public void unmapAll(int cpu, VmPage p) {
        while (p.mappings.size() > 0) {
            Pmap pmap = (Pmap) p.mappings.pmap(0);
            long vpn = p.mappings.vpn(0);
            pmap.remove(vpn);
            inval.invalidate(cpu, pmap, new long[] {vpn}, 1);
        }
    }

    /** {@code vm_page_free} of a page with an identity: out of its pool and object, onto the free queue. */
    public void freePage(int cpu, VmPage p) {
        if (p.pool != null) {
            ((ResidentPool) p.pool).remove(p);
        }
        if (p.object != null) {
            p.object.remove(p);
        }
        queues.free(cpu, p);
    }

    public boolean onPool(VmPage p) {
        return p.queue == PageQueue.POOL;
    }
}
