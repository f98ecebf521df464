package org.odonata.vm.map;

import org.odonata.api.sync.TokenMode;
import org.odonata.api.vm.VmSpace;
import org.odonata.vm.SimVm;
import org.odonata.vm.object.ObjectType;
import org.odonata.vm.object.VmObject;
import org.odonata.vm.page.PageQueue;
import org.odonata.vm.page.VmPage;
import org.odonata.vm.pageout.ResidentPool;
import org.odonata.vm.vnode.VnodePagerObject;

/**
 * The page-fault handler of one address space ({@code vm_fault.c}: {@code vm_fault}, {@code vm_fault_bypass},
 * {@code vm_fault_object}).
 * <ol>
 * <li>The map lock is taken shared and the entry looked up; no entry, or rights the entry does not give, is a
 * SIGSEGV.</li>
 * <li>{@code vm_fault_bypass} (sysctl {@code vm.fault_bypass}): a valid, unbusied resident page already in the
 * first object, when the access needs no copy, is soft-busied and mapped without the object token.</li>
 * <li>Otherwise a write to a copy-on-write entry shared since a fork first pushes a fresh object in front of its
 * backing chain ({@code vm_map_entry_shadow}), and an entry's first fault allocates its object; both under the map
 * lock taken exclusively. Then, under the first object's token (shared for reads with {@code vm.shared_fault}), the
 * chain is searched: a resident page (waiting while it is busy; a cached one is reactivated), or a swap slot (the
 * page is read in), else the page is zero-filled in the first object. A write to a page found in a backing object
 * copies it into the first object (COW); a read maps it read-only. A chain that ends at a vnode's object reads
 * the page in through the vnode pager ({@code vnode_pager_getpage}), or is a SIGBUS for a page wholly past the end of
 * the file.</li>
 * <li>{@code pmap_enter}, writable only for a page in the first object of a writable entry that needs no copy.</li>
 * </ol>
 * Costs (cycles, beyond the trap's entry and exit which the kernel charges): {@value #FAULT_CYCLES} for the fault's
 * bookkeeping, {@value #ZERO_FILL_CYCLES} to zero a page, {@value #COPY_CYCLES} to copy one,
 * {@value #PMAP_ENTER_CYCLES} for {@code pmap_enter}; plus the locks and tokens through their implementations, and
 * the swap device's service time. Simplification: no prefaulting of neighbouring pages ({@code vm_prefault}).
 */
final class VmFault {

    static final long FAULT_CYCLES = 1_500;
    static final long BYPASS_CYCLES = 400;
    static final long ZERO_FILL_CYCLES = 1_200;
    static final long COPY_CYCLES = 2_000;
    static final long PMAP_ENTER_CYCLES = 150;
    static final int SIGBUS = 10;
    static final int SIGSEGV = 11;

    private final VmSpaceImpl space;
    private final SimVm vm;

    VmFault(VmSpaceImpl space) {
        this.space = space;
        this.vm = space.vm;
    }

    int fault(int cpu, long va, boolean write) {
        vm.counters.faults++;
        long vpn = va >>> 12;
        long owner = vm.host.tid();
        if (va < 0 || va >= VmSpaceImpl.VM_MAX_USER_ADDRESS) {
            vm.counters.segvs++;
            return SIGSEGV;
        }
        while (true) {
            space.lock.lockShared(cpu, owner);
            int r;
            try {
                r = faultLocked(cpu, vpn, write, owner);
            } finally {
                space.lock.release(cpu, owner);
            }
            if (r != RETRY) {
                return r;
            }
        }
    }

    private static final int RETRY = -1;

    /** One attempt with the map lock held shared; RETRY after anything that slept or changed the map. */
    private int faultLocked(int cpu, long vpn, boolean write, long owner) {
        VmMapEntry e = space.map.lookup(vpn);
        int need = write ? VmSpace.PROT_WRITE : VmSpace.PROT_READ;
        if (e == null || (e.prot & need) == 0) {
            vm.counters.segvs++;
            return SIGSEGV;
        }
        if (vm.sysctlOn("vm.fault_bypass") && bypass(cpu, e, vpn, write)) {
            return 0;
        }
        vm.machine.cpu(cpu).charge(FAULT_CYCLES);
        if ((write && e.needsCopy) || e.ba.object() == null) {
            // vm_map_entry_shadow / vm_map_entry_allocate_object need the map exclusively
            space.lock.release(cpu, owner);
            space.lock.lockExclusive(cpu, owner);
            VmMapEntry x = space.map.lookup(vpn);
            if (x == e) {
                if (write && e.needsCopy) {
                    e.ba = new VmMapBacking(vm.newObject(), 0, e.ba);
                    e.needsCopy = false;
                } else if (e.ba.object() == null) {
                    e.ba = new VmMapBacking(vm.newObject(), 0, e.ba.backing());
                }
            }
            space.lock.downgrade(cpu, owner);
            return RETRY;
        }
        VmObject first = e.ba.object();
        long firstIdx = e.ba.offset() + (vpn - e.start);
        boolean shared = !write && vm.sysctlOn("vm.shared_fault");
        vm.host.gettoken(first.token, shared ? TokenMode.SHARED : TokenMode.EXCLUSIVE);
        try {
            return faultObject(cpu, e, vpn, write, first, firstIdx);
        } finally {
            vm.host.reltoken();
        }
    }

    /** {@code vm_fault_bypass}: a resident, valid page of the first object that needs no copy. */
    private boolean bypass(int cpu, VmMapEntry e, long vpn, boolean write) {
        VmObject first = e.ba.object();
        if (first == null || (write && e.needsCopy)) {
            return false;
        }
        VmPage p = first.lookup(e.ba.offset() + (vpn - e.start));
        if (p == null || !p.valid || p.busy || p.queue != PageQueue.POOL) {
            return false;
        }
        p.softBusy++;
        vm.machine.cpu(cpu).charge(BYPASS_CYCLES);
        boolean ok = enter(cpu, e, vpn, p, true, write);
        p.softBusy--;
        if (ok) {
            vm.counters.bypassFaults++;
            vm.counters.reactivations++;
        }
        return ok;
    }

    private int faultObject(int cpu, VmMapEntry e, long vpn, boolean write, VmObject first, long firstIdx) {
        ResidentPool pool = space.pool;
        VmPage found = null;
        VmMapBacking foundIn = null;
        for (VmMapBacking b = e.ba; b != null; b = b.backing()) {
            VmObject obj = b.object();
            if (obj == null) {
                continue;
            }
            long idx = b.offset() + (vpn - e.start);
            VmPage p = obj.lookup(idx);
            if (p != null) {
                if (p.busy) {
                    // vm_page_sleep_busy: the token goes while we sleep; the fault starts over
                    vm.blocking();
                    p.wanted = true;
                    vm.host.tsleep(p, "pgrbwt", 0);
                    return RETRY;
                }
                if (p.queue == PageQueue.CACHE || p.queue == PageQueue.NONE) {
                    long e0 = vm.epoch();
                    if (!reactivate(cpu, p, pool, vpn)) {
                        return SIGBUS;
                    }
                    if (vm.epoch() != e0) {
                        return RETRY;
                    }
                } else {
                    vm.counters.reactivations++;
                }
                found = p;
                foundIn = b;
                break;
            }
            long slot = obj.swapSlot(idx);
            if (slot >= 0) {
                VmPage np = vm.allocPage(cpu, obj, idx, pool);
                if (np == null) {
                    return RETRY;
                }
                if (np == SimVm.UNEVICTABLE) {
                    return SIGBUS;
                }
                vm.counters.swapIns++;
                vm.blocking();
                vm.bytes.set(cpu, np, vm.swap.read(slot));
                np.valid = true;
                np.dirty = false;
                admit(pool, np, vpn);
                vm.wakeupPage(np);
                found = np;
                foundIn = b;
                break;
            }
            if (obj.type == ObjectType.VNODE) {
                // the chain ends at a file: its page comes in through the vnode pager, or is past the end (SIGBUS)
                if (idx >= VnodePagerObject.pages(obj.vnpSize)) {
                    vm.counters.sigbus++;
                    return SIGBUS;
                }
                VmPage np = vm.allocPage(cpu, obj, idx, pool);
                if (np == null) {
                    return RETRY;
                }
                if (np == SimVm.UNEVICTABLE) {
                    return SIGBUS;
                }
                vm.blocking();
                int got = VnodePagerObject.getpage(vm, np);
                if (got < 0) {
                    // vnode_pager_getpage's VM_PAGER_ERROR: the faulting process gets a SIGBUS
                    if (got == VnodePagerObject.PAST_END) {
                        vm.counters.sigbus++;
                    }
                    vm.freePage(cpu, np);
                    vm.wakeupPage(np);
                    return SIGBUS;
                }
                np.valid = true;
                np.dirty = false;
                admit(pool, np, vpn);
                vm.wakeupPage(np);
                found = np;
                foundIn = b;
                break;
            }
        }
        boolean inFirst;
        if (found == null) {
            VmPage np = vm.allocPage(cpu, first, firstIdx, pool);
            if (np == null) {
                return RETRY;
            }
            if (np == SimVm.UNEVICTABLE) {
                return SIGBUS;
            }
            vm.machine.cpu(cpu).charge(ZERO_FILL_CYCLES);
            vm.counters.zeroFills++;
            vm.bytes.set(cpu, np, null);
            np.valid = true;
            admit(pool, np, vpn);
            vm.wakeupPage(np);
            found = np;
            inFirst = true;
        } else if (foundIn.object() != first && write) {
            // copy-on-write into the first object; this space's read-only mapping of the original goes
            VmPage np = vm.allocPage(cpu, first, firstIdx, pool);
            if (np == null) {
                return RETRY;
            }
            if (np == SimVm.UNEVICTABLE) {
                return SIGBUS;
            }
            vm.machine.cpu(cpu).charge(COPY_CYCLES);
            vm.counters.cowFaults++;
            if (space.pmap.page(vpn) != null) {
                space.pmap.remove(vpn);
                vm.inval.invalidate(cpu, space.pmap, new long[] {vpn}, 1);
            }
            np.valid = true;
            np.dirty = true;
            vm.bytes.set(cpu, np, vm.bytes.get(cpu, found));
            admit(pool, np, vpn);
            vm.wakeupPage(np);
            found = np;
            inFirst = true;
        } else {
            inFirst = foundIn.object() == first;
        }
        if (write && inFirst && first.swapSlot(firstIdx) >= 0) {
            // swap_pager_unswapped: the copy on swap is stale from now on
            vm.swap.free(first.setSwapSlot(firstIdx, -1));
        }
        if (!enter(cpu, e, vpn, found, inFirst, write)) {
            vm.vmWait();
            return RETRY;
        }
        return 0;
    }

    /** A page enters the pool as the page of {@code vpn} here, which a replay's future is asked about. */
    private void admit(ResidentPool pool, VmPage p, long vpn) {
        p.lastSpace = space;
        p.lastVpn = vpn;
        pool.admit(p);
    }

    /** A page found off its pool (cached, or mid-eviction and given up) comes back into the faulting pool. */
    private boolean reactivate(int cpu, VmPage p, ResidentPool pool, long vpn) {
        if (!vm.makeRoom(cpu, pool)) {
            return false;
        }
        if (p.queue == PageQueue.CACHE) {
            vm.queues.unqueueCached(cpu, p);
        } else if (p.queue != PageQueue.NONE || p.busy) {
            // the eviction that made room took this very page, or it is being written out: look again
            return true;
        }
        vm.counters.reactivations++;
        admit(pool, p, vpn);
        return true;
    }

    /** {@code pmap_enter} with the rights the entry and the page's object allow; false when out of page tables. */
    private boolean enter(int cpu, VmMapEntry e, long vpn, VmPage p, boolean inFirst, boolean write) {
        boolean writable = inFirst && !e.needsCopy && (e.prot & VmSpace.PROT_WRITE) != 0;
        if (write && !writable) {
            throw new IllegalStateException("vm_fault: a write to " + p + " at vpn " + Long.toHexString(vpn)
                    + " would be mapped read-only");
        }
        vm.machine.cpu(cpu).charge(PMAP_ENTER_CYCLES);
        if (!space.pmap.enter(cpu, vpn, p, writable)) {
            return false;
        }
        p.referenced = true;
        if (write) {
            p.dirty = true;
        }
        p.lastSpace = space;
        p.lastVpn = vpn;
        if (p.queue == PageQueue.POOL) {
            ((ResidentPool) p.pool).referenced(p);
        }
        return true;
    }

    /** The page backing {@code vpn} of entry {@code e} anywhere in its chain, or null (for {@code mincore}). */
    static VmPage findPage(VmMapEntry e, long vpn) {
        for (VmMapBacking b = e.ba; b != null; b = b.backing()) {
            if (b.object() != null) {
                VmPage p = b.object().lookup(b.offset() + (vpn - e.start));
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }
}
