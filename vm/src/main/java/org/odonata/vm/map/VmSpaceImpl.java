package org.odonata.vm.map;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.odonata.api.pageout.ResidentPage;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.vm.AccessFuture;
import org.odonata.api.vm.VmSpace;
import org.odonata.api.vm.VnodePager;
import org.odonata.vm.SimVm;
import org.odonata.vm.object.ObjectType;
import org.odonata.vm.object.VmObject;
import org.odonata.vm.page.PageQueue;
import org.odonata.vm.page.VmPage;
import org.odonata.vm.pageout.ResidentPool;
import org.odonata.vm.pmap.Pmap;
import org.odonata.vm.pmap.Tlb;
import org.odonata.vm.vnode.VnodePagerObject;

/**
 * A process's address space ({@code struct vmspace}, {@code vm_map.c}, {@code vm_mmap.c}): the map of entries under
 * its lockmgr lock, the pmap, the resident-set pool (the machine's, or its own under {@code RLIMIT_RSS}), the
 * {@code RLIMIT_AS} limit and the data-segment break. The memory system calls take the map lock exclusively; faults
 * ({@link VmFault}) take it shared. Page-table edits shoot the TLB entries down before pages are freed.
 */
public final class VmSpaceImpl implements VmSpace {

    /** {@code VM_MAX_USER_ADDRESS}. */
    static final long VM_MAX_USER_ADDRESS = 0x0000_7fff_ffff_f000L;
    static final long MAX_VPN = VM_MAX_USER_ADDRESS >>> 12;
    /** Where the data segment ({@code brk}) starts. */
    static final long DATA_START = 0x0000_0000_0100_0000L;
    /** Where {@code mmap} looks for space without a hint (above the largest data segment). */
    static final long MMAP_BASE = 0x0000_0008_0000_0000L;
    /** Cycles of a memory system call's bookkeeping, per entry touched. */
    static final long MAP_OP_CYCLES = 800;
    /** Cycles {@code vmspace_fork} spends per entry copied. */
    static final long FORK_ENTRY_CYCLES = 600;

    static final int EINVAL = 22;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int ENODEV = 19;

    final SimVm vm;
    final int pid;
    final Pmap pmap;
    final VmMap map = new VmMap();
    final LockMgr lock;
    ResidentPool pool;
    private AccessFuture future;
    private long rlimitAs = Long.MAX_VALUE;
    private long mappedPages;
    private long brkEnd = DATA_START;
    private final VmFault faults;

    public VmSpaceImpl(SimVm vm, int pid, Pmap pmap) {
        this.vm = vm;
        this.pid = pid;
        this.pmap = pmap;
        this.lock = vm.locks.newLockMgr(vm.syncHost, "vm_map." + pid, vm.host);
        this.pool = vm.machinePool();
        this.faults = new VmFault(this);
    }

    @Override
    public int pid() {
        return pid;
    }

    // ---- the MMU ------------------------------------------------------------------------------------------

    @Override
    public long access(int cpu, long va, boolean write) {
        if (va < 0 || va >= VM_MAX_USER_ADDRESS) {
            return PAGE_FAULT;
        }
        long vpn = va >>> 12;
        Tlb tlb = vm.inval.tlb(cpu);
        long tag = Tlb.tag(pmap.id, vpn);
        long cost = vm.costs.lineLocal();
        VmPage p;
        boolean writable;
        int hit = tlb.lookup(tag);
        if (hit != Tlb.MISS) {
            p = tlb.hitPage;
            writable = tlb.hitWritable;
            if (hit == Tlb.L2_HIT) {
                cost += vm.costs.tlbMiss();
                vm.counters.tlbMisses++;
            }
        } else {
            long pte = pmap.pte(vpn);
            if ((pte & Pmap.PG_V) == 0) {
                return PAGE_FAULT;
            }
            p = pmap.page(vpn);
            writable = (pte & Pmap.PG_RW) != 0;
            if (write && !writable) {
                return PAGE_FAULT;
            }
            tlb.insert(tag, p, writable);
            pmap.cpus.set(cpu);
            cost += vm.costs.pageWalk();
            vm.counters.pageWalks++;
        }
        if (write && !writable) {
            return PAGE_FAULT;
        }
        if (vm.hostMemory != null && !vm.hostMemory.access(cpu, p.frame, write)) {
            // a vkernel guest's frame the host paged out: the kernel traps out for the host's fault
            return PAGE_FAULT;
        }
        p.referenced = true;
        if (write) {
            p.dirty = true;
        }
        if (p.queue == PageQueue.POOL) {
            ((ResidentPool) p.pool).referenced(p);
        }
        return cost;
    }

    @Override
    public int fault(int cpu, long va, boolean write) {
        // a page fault drops the faulting address's TLB entries on this CPU (a stale read-only one included)
        vm.inval.tlb(cpu).invalidate(Tlb.tag(pmap.id, va >>> 12));
        return faults.fault(cpu, va, write);
    }

    // ---- memory system calls ------------------------------------------------------------------------------

    @Override
    public long mmap(int cpu, long addr, long len, int prot, int flags) {
        if ((flags & MAP_ANON) == 0) {
            return -ENODEV;
        }
        boolean shared = (flags & MAP_SHARED) != 0;
        if (shared == ((flags & MAP_PRIVATE) != 0) || len <= 0 || (addr & 4095) != 0
                || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
            return -EINVAL;
        }
        long pages = (len + 4095) >>> 12;
        boolean fixed = (flags & MAP_FIXED) != 0;
        long startVpn = addr >>> 12;
        if (fixed && (startVpn + pages > MAX_VPN || addr == 0)) {
            return -EINVAL;
        }
        lockExclusive(cpu);
        try {
            long at = place(cpu, addr, pages, fixed);
            if (at >= 0) {
                insertAnon(at, pages, prot, shared);
            }
            return at < 0 ? at : at << 12;
        } finally {
            unlock(cpu);
        }
    }

    /**
     * {@code vm_map_find}: the first page of {@code pages} free ones at the hint (replacing what is there with
     * {@code MAP_FIXED}), or -ENOMEM. Charges the call's bookkeeping; the map is locked exclusively.
     */
    private long place(int cpu, long addr, long pages, boolean fixed) {
        vm.machine.cpu(cpu).charge(MAP_OP_CYCLES);
        long startVpn = addr >>> 12;
        if (fixed) {
            removeRange(cpu, startVpn, startVpn + pages);
        } else {
            long hint = addr == 0 ? MMAP_BASE >>> 12 : startVpn;
            startVpn = map.findSpace(hint, pages, MAX_VPN);
            if (startVpn < 0) {
                startVpn = map.findSpace(1, pages, MAX_VPN);
            }
            if (startVpn < 0) {
                return -ENOMEM;
            }
        }
        if ((mappedPages + pages) << 12 > rlimitAs) {
            return -ENOMEM;
        }
        return startVpn;
    }

    /**
     * {@code vm_mmap} of a vnode: {@code MAP_SHARED} maps the vnode's object itself (stores reach the file's pages);
     * {@code MAP_PRIVATE} maps it copy-on-write ({@code MAP_ENTRY_NEEDS_COPY}: the first store shadows it with an
     * anonymous object, {@code vm_map_entry_shadow}, and copies the page). Without {@code writable} a shared
     * mapping's maximum protection lacks write, so {@code mprotect} cannot add it.
     */
    @Override
    public long mmapVnode(int cpu, long addr, long len, int prot, int flags, VnodePager vnode, long offset,
            boolean writable) {
        boolean shared = (flags & MAP_SHARED) != 0;
        if (shared == ((flags & MAP_PRIVATE) != 0) || len <= 0 || (addr & 4095) != 0 || (offset & 4095) != 0
                || offset < 0 || (flags & MAP_ANON) != 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
            return -EINVAL;
        }
        long pages = (len + 4095) >>> 12;
        boolean fixed = (flags & MAP_FIXED) != 0;
        if (fixed && ((addr >>> 12) + pages > MAX_VPN || addr == 0)) {
            return -EINVAL;
        }
        int maxProt = PROT_READ | PROT_EXEC | (shared && !writable ? 0 : PROT_WRITE);
        if ((prot & ~maxProt) != 0) {
            return -EACCES;
        }
        // vnode_pager_alloc before the map lock, as vm_mmap does: it may read the file's attributes
        VmObject obj = VnodePagerObject.alloc(vm, vnode);
        lockExclusive(cpu);
        try {
            long at = place(cpu, addr, pages, fixed);
            if (at < 0) {
                return at;
            }
            vm.reference(obj);
            VmMapEntry e = new VmMapEntry(at, at + pages, prot, maxProt,
                    shared ? VmMapEntry.Inherit.SHARE : VmMapEntry.Inherit.COPY, !shared,
                    new VmMapBacking(obj, offset >>> 12, null));
            e.needsCopy = !shared;
            map.insert(e);
            mappedPages += pages;
            return at << 12;
        } finally {
            unlock(cpu);
        }
    }

    /**
     * {@code msync} ({@code vm_map_clean}): the entries of the range must all exist (ENOMEM); the dirty pages of the
     * vnode objects the range maps directly are written through their pagers ({@code vm_object_page_clean}), and with
     * {@code MS_SYNC} each vnode is then fsynced; {@code MS_INVALIDATE} removes the range's mappings first, so the
     * next access faults the file's current page in. A length of 0 means the entry holding {@code addr}, as in
     * {@code sys_msync}. Simplification: the writes happen after the map lock is dropped (DragonFly holds it shared).
     */
    @Override
    public int msync(int cpu, long addr, long len, int flags) {
        if ((addr & 4095) != 0 || len < 0 || addr < 0 || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0
                || (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC)) {
            return -EINVAL;
        }
        long from = addr >>> 12;
        long to = Math.min(MAX_VPN, (addr + len + 4095) >>> 12);
        List<long[]> ranges = new ArrayList<>();
        List<VmObject> objects = new ArrayList<>();
        lockExclusive(cpu);
        try {
            vm.machine.cpu(cpu).charge(MAP_OP_CYCLES);
            if (len == 0) {
                VmMapEntry e = map.lookup(from);
                if (e == null) {
                    return -ENOMEM;
                }
                from = e.start;
                to = e.end;
            }
            if (!covered(from, to)) {
                return -ENOMEM;
            }
            for (VmMapEntry e : map.clipRange(from, to, this::referenceChain)) {
                if ((flags & MS_INVALIDATE) != 0) {
                    unmapPages(cpu, e.start, e.end);
                }
                VmObject o = e.ba.object();
                if (o != null && o.type == ObjectType.VNODE) {
                    objects.add(o);
                    ranges.add(new long[] {e.ba.offset(), e.ba.offset() + (e.end - e.start)});
                    // the object stays referenced while its pages are written without the map lock
                    vm.reference(o);
                }
            }
        } finally {
            unlock(cpu);
        }
        int error = 0;
        for (int i = 0; i < objects.size(); i++) {
            VmObject o = objects.get(i);
            int r = ((VnodePagerObject) o.pager.object()).clean(ranges.get(i)[0], ranges.get(i)[1],
                    (flags & MS_SYNC) != 0);
            if (r < 0 && error == 0) {
                error = r;
            }
        }
        for (VmObject o : objects) {
            vm.deallocate(cpu, o);
        }
        return error;
    }

    @Override
    public int copy(int cpu, long va, byte[] buf, int off, int len, boolean store) {
        long vpn = va >>> 12;
        long pte = pmap.pte(vpn);
        if ((pte & Pmap.PG_V) == 0 || (store && (pte & Pmap.PG_RW) == 0)) {
            return (int) PAGE_FAULT;
        }
        VmPage p = pmap.page(vpn);
        int in = (int) (va & 4095);
        int n = Math.min(len, 4096 - in);
        if (store) {
            vm.bytes.write(cpu, p, in, buf, off, n);
            p.dirty = true;
        } else {
            vm.bytes.read(cpu, p, in, buf, off, n);
        }
        return n;
    }

    private void insertAnon(long startVpn, long pages, int prot, boolean shared) {
        VmObject obj = shared ? vm.newObject() : null;
        if (obj != null) {
            obj.oneMapping = false;
        }
        map.insert(new VmMapEntry(startVpn, startVpn + pages, prot, PROT_READ | PROT_WRITE | PROT_EXEC,
                shared ? VmMapEntry.Inherit.SHARE : VmMapEntry.Inherit.COPY, !shared, new VmMapBacking(obj, 0, null)));
        mappedPages += pages;
    }

    @Override
    public int munmap(int cpu, long addr, long len) {
        if ((addr & 4095) != 0 || len <= 0 || addr < 0) {
            return -EINVAL;
        }
        long from = addr >>> 12;
        long to = Math.min(MAX_VPN, (addr + len + 4095) >>> 12);
        lockExclusive(cpu);
        try {
            vm.machine.cpu(cpu).charge(MAP_OP_CYCLES);
            removeRange(cpu, from, to);
            return 0;
        } finally {
            unlock(cpu);
        }
    }

    /** {@code vm_map_delete}: unmaps {@code [from, to)}, freeing the pages only this mapping used. */
    private void removeRange(int cpu, long from, long to) {
        for (VmMapEntry e : map.clipRange(from, to, this::referenceChain)) {
            unmapPages(cpu, e.start, e.end);
            VmMapBacking ba = e.ba;
            if (ba.object() != null && ba.object().oneMapping && ba.object().refCount == 1) {
                freeObjectRange(cpu, ba.object(), ba.offset(), ba.offset() + (e.end - e.start));
            }
            map.remove(e);
            mappedPages -= e.end - e.start;
            releaseChain(cpu, ba);
        }
    }

    /** Removes the mappings of {@code [from, to)} and shoots down their TLB entries. */
    void unmapPages(int cpu, long from, long to) {
        List<Long> vpns = new ArrayList<>();
        pmap.forEachMapped(from, to, vpns::add);
        long[] batch = new long[vpns.size()];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = vpns.get(i);
            pmap.remove(batch[i]);
        }
        vm.inval.invalidate(cpu, pmap, batch, batch.length);
    }

    private void freeObjectRange(int cpu, VmObject obj, long from, long to) {
        List<VmPage> victims = new ArrayList<>();
        for (VmPage p : obj.pages()) {
            if (p.pindex >= from && p.pindex < to && !p.busy) {
                victims.add(p);
            }
        }
        for (VmPage p : victims) {
            vm.unmapAll(cpu, p);
            vm.freePage(cpu, p);
        }
        for (long i = from; i < to && obj.swapCount() > 0; i++) {
            long slot = obj.setSwapSlot(i, -1);
            if (slot >= 0) {
                vm.swap.free(slot);
            }
        }
    }

    /** One more entry references every object of the chain. */
    void referenceChain(VmMapEntry e) {
        for (VmMapBacking b = e.ba; b != null; b = b.backing()) {
            if (b.object() != null) {
                b.object().refCount++;
            }
        }
    }

    private void releaseChain(int cpu, VmMapBacking ba) {
        for (VmMapBacking b = ba; b != null; b = b.backing()) {
            if (b.object() != null) {
                vm.deallocate(cpu, b.object());
            }
        }
    }

    @Override
    public int mprotect(int cpu, long addr, long len, int prot) {
        if ((addr & 4095) != 0 || len <= 0 || addr < 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0) {
            return -EINVAL;
        }
        long from = addr >>> 12;
        long to = Math.min(MAX_VPN, (addr + len + 4095) >>> 12);
        lockExclusive(cpu);
        try {
            vm.machine.cpu(cpu).charge(MAP_OP_CYCLES);
            if (!covered(from, to)) {
                return -ENOMEM;
            }
            for (VmMapEntry e : map.clipRange(from, to, this::referenceChain)) {
                if ((prot & ~e.maxProt) != 0) {
                    return -EACCES;
                }
                e.prot = prot;
                if ((prot & (PROT_READ | PROT_WRITE)) == 0) {
                    unmapPages(cpu, e.start, e.end);
                } else if ((prot & PROT_WRITE) == 0) {
                    writeProtect(cpu, e.start, e.end);
                }
            }
            return 0;
        } finally {
            unlock(cpu);
        }
    }

    /** {@code pmap_protect} without write: clears RW in {@code [from, to)} and shoots the entries down. */
    void writeProtect(int cpu, long from, long to) {
        List<Long> vpns = new ArrayList<>();
        pmap.forEachMapped(from, to, v -> {
            if (pmap.writeProtect(v)) {
                vpns.add(v);
            }
        });
        long[] batch = vpns.stream().mapToLong(Long::longValue).toArray();
        vm.inval.invalidate(cpu, pmap, batch, batch.length);
    }

    private boolean covered(long from, long to) {
        long at = from;
        while (at < to) {
            VmMapEntry e = map.lookup(at);
            if (e == null) {
                return false;
            }
            at = e.end;
        }
        return true;
    }

    @Override
    public int madvise(int cpu, long addr, long len, int advice) {
        if ((addr & 4095) != 0 || len <= 0 || addr < 0 || advice < MADV_NORMAL || advice > MADV_FREE) {
            return -EINVAL;
        }
        long from = addr >>> 12;
        long to = Math.min(MAX_VPN, (addr + len + 4095) >>> 12);
        lockExclusive(cpu);
        try {
            vm.machine.cpu(cpu).charge(MAP_OP_CYCLES);
            if (!covered(from, to)) {
                return -ENOMEM;
            }
            for (VmMapEntry e : map.clipRange(from, to, this::referenceChain)) {
                switch (advice) {
                    case MADV_DONTNEED -> unmapPages(cpu, e.start, e.end);
                    case MADV_FREE -> {
                        // vm_object_madvise: the pages of a private anonymous range may be discarded
                        unmapPages(cpu, e.start, e.end);
                        VmObject o = e.ba.object();
                        if (o != null && o.oneMapping && o.refCount == 1) {
                            freeObjectRange(cpu, o, e.ba.offset(), e.ba.offset() + (e.end - e.start));
                        }
                    }
                    case MADV_WILLNEED -> { }
                    default -> e.advice = advice;
                }
            }
            return 0;
        } finally {
            unlock(cpu);
        }
    }

    @Override
    public long brk(int cpu, long addr) {
        if (addr == 0) {
            return brkEnd;
        }
        if (addr < DATA_START || addr >= MMAP_BASE) {
            return -EINVAL;
        }
        long oldEnd = (brkEnd + 4095) >>> 12;
        long newEnd = (addr + 4095) >>> 12;
        lockExclusive(cpu);
        try {
            vm.machine.cpu(cpu).charge(MAP_OP_CYCLES);
            if (newEnd > oldEnd) {
                if (map.overlaps(oldEnd, newEnd) || (mappedPages + newEnd - oldEnd) << 12 > rlimitAs) {
                    return -ENOMEM;
                }
                insertAnon(oldEnd, newEnd - oldEnd, PROT_READ | PROT_WRITE, false);
            } else if (newEnd < oldEnd) {
                removeRange(cpu, newEnd, oldEnd);
            }
            brkEnd = addr;
            return brkEnd;
        } finally {
            unlock(cpu);
        }
    }

    @Override
    public int mincore(int cpu, long addr, long len, byte[] vec) {
        if ((addr & 4095) != 0 || len <= 0 || addr < 0) {
            return -EINVAL;
        }
        long from = addr >>> 12;
        long to = (addr + len + 4095) >>> 12;
        if (vec == null || vec.length < to - from) {
            return -EFAULT;
        }
        lock.lockShared(cpu, vm.host.tid());
        try {
            vm.machine.cpu(cpu).charge(MAP_OP_CYCLES + 10 * (to - from));
            for (long v = from; v < to; v++) {
                VmMapEntry e = map.lookup(v);
                if (e == null) {
                    return -ENOMEM;
                }
                VmPage p = VmFault.findPage(e, v);
                int bits = 0;
                if (p != null && (p.queue == PageQueue.POOL || p.queue == PageQueue.CACHE)) {
                    bits = MINCORE_INCORE | (p.referenced ? MINCORE_REFERENCED : 0)
                            | (p.dirty ? MINCORE_MODIFIED : 0);
                }
                vec[(int) (v - from)] = (byte) bits;
            }
            return 0;
        } finally {
            lock.release(cpu, vm.host.tid());
        }
    }

    @Override
    public int setrlimit(int resource, long max) {
        if (max <= 0) {
            return -EINVAL;
        }
        switch (resource) {
            case RLIMIT_AS -> rlimitAs = max;
            case RLIMIT_RSS -> limitResidentSet(Math.max(1, max >>> 12));
            default -> {
                return -EINVAL;
            }
        }
        return 0;
    }

    /** A pool of its own of {@code pages}, taking over this space's pages from its current pool. */
    private void limitResidentSet(long pages) {
        ResidentPool old = pool;
        ResidentPool mine = vm.newProcessPool("pid " + pid, pages);
        mine.setFuture(future);
        Set<VmPage> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        pmap.forEachMapped(0, MAX_VPN, v -> {
            VmPage p = pmap.page(v);
            if (p.pool == old) {
                moved.add(p);
            }
        });
        for (VmPage p : moved) {
            old.remove(p);
            mine.admit(p);
        }
        if (old != vm.machinePool()) {
            handOver(old);
        }
        pool = mine;
        vm.futureDeclared(mine);
        int cpu = vm.host.cpu();
        if (cpu >= 0) {
            while (mine.resident() > mine.capacity()) {
                VmPage v = mine.victim();
                if (!vm.evict(cpu, v)) {
                    mine.admit(v);
                    break;
                }
            }
        }
    }

    /** A process pool going away hands its remaining pages (shared with other spaces) to the machine's pool. */
    private void handOver(ResidentPool old) {
        VmPage p;
        while ((p = old.victim()) != null) {
            vm.machinePool().admit(p);
        }
        vm.dropProcessPool(old);
    }

    @Override
    public VmSpace fork(int cpu, int childPid) {
        lockExclusive(cpu);
        try {
            VmSpaceImpl child = (VmSpaceImpl) vm.vmspaceAlloc(childPid);
            child.rlimitAs = rlimitAs;
            child.brkEnd = brkEnd;
            if (pool != vm.machinePool()) {
                child.pool = vm.newProcessPool("pid " + childPid, pool.capacity());
            }
            for (VmMapEntry e : map.all()) {
                vm.machine.cpu(cpu).charge(FORK_ENTRY_CYCLES);
                VmMapEntry c = e.slice(e.start, e.end);
                if (e.inherit == VmMapEntry.Inherit.COPY && e.ba.object() != null) {
                    // vm_map_copy_entry: both sides copy-on-write; the parent's pages lose write access
                    e.needsCopy = true;
                    c.needsCopy = true;
                    writeProtect(cpu, e.start, e.end);
                } else if (e.inherit == VmMapEntry.Inherit.COPY) {
                    c.ba = new VmMapBacking(null, 0, null);
                }
                for (VmMapBacking b = c.ba; b != null; b = b.backing()) {
                    if (b.object() != null) {
                        b.object().refCount++;
                        b.object().oneMapping = false;
                    }
                }
                child.map.insert(c);
                child.mappedPages += c.end - c.start;
            }
            return child;
        } finally {
            unlock(cpu);
        }
    }

    @Override
    public void exit(int cpu) {
        lockExclusive(cpu);
        try {
            removeRange(cpu, 0, MAX_VPN);
            pmap.release(cpu);
            vm.spaceGone(this);
            if (pool != vm.machinePool()) {
                handOver(pool);
                pool = vm.machinePool();
            }
        } finally {
            unlock(cpu);
        }
    }

    @Override
    public void declareFuture(AccessFuture f) {
        future = f;
        if (pool != vm.machinePool()) {
            pool.setFuture(f);
            vm.futureDeclared(pool);
        }
    }

    @Override
    public long residentPages() {
        return pmap.resident();
    }

    @Override
    public long mappedBytes() {
        return mappedPages << 12;
    }

    /** For tests: the page resident at a virtual address of this space, or null. */
    public ResidentPage residentPageAt(long va) {
        return pmap.page(va >>> 12);
    }

    void lockExclusive(int cpu) {
        lock.lockExclusive(cpu, vm.host.tid());
    }

    void unlock(int cpu) {
        lock.release(cpu, vm.host.tid());
    }

    @Override
    public String toString() {
        return "vmspace " + pid;
    }
}
