package org.odonata.vm.vnode;


import org.odonata.api.sync.TokenMode;
import org.odonata.api.vm.VnodeObject;
import org.odonata.api.vm.VnodePager;
import org.odonata.vm.SimVm;
import org.odonata.vm.object.ObjectType;
import org.odonata.vm.object.VmObject;
import org.odonata.vm.page.VmPage;

/**
 * A vnode's VM object ({@code OBJT_VNODE}, {@code sys/vm/vnode_pager.c}) and its pager operations. One per vnode
 * ({@code vnode_pager_alloc} finds it in {@code v_object}), shared by every mapping of the file and kept with its
 * pages, clean or dirty, after the last mapping goes, until the vnode is reclaimed. Pages come in through the
 * filesystem's read path ({@code vnode_pager_getpage}) and dirty ones go out through its write path, clipped at the
 * end of the file ({@code vnode_pager_putpages}). {@code read(2)} and {@code write(2)} reach the resident pages through
 * {@link VnodeObject}, as DragonFly's VMIO buffers are made of the object's pages ({@code vfs_bio.c}).
 * <p>
 * Simplification: the filesystem keeps its own copy of the data (tmpfs's pages, HAMMER's records) and the object's
 * pages cache it; {@code write(2)} updates both and {@code read(2)} takes the resident pages' bytes, so the two
 * agree at every point a program can see, as one shared page would.
 */
public final class VnodePagerObject implements VnodeObject {

    public static final int PAGE = 4096;

    private final SimVm vm;
    public final VmObject obj;

    private VnodePagerObject(SimVm vm, VmObject obj) {
        this.vm = vm;
        this.obj = obj;
    }

    /** {@code vnode_pager_alloc}: the vnode's object, made (with the file's size) at its first mapping. */
    public static VmObject alloc(SimVm vm, VnodePager pager) {
        if (pager.object() instanceof VnodePagerObject o && o.vm == vm) {
            return o.obj;
        }
        VmObject obj = vm.newObject();
        obj.type = ObjectType.VNODE;
        obj.pager = pager;
        obj.oneMapping = false;
        obj.refCount = 0;
        obj.vnpSize = pager.size();
        pager.setObject(new VnodePagerObject(vm, obj));
        return obj;
    }

    /** Pages needed to hold {@code size} bytes: a page index at or past it is beyond the end of the file. */
    public static long pages(long size) {
        return (size + PAGE - 1) / PAGE;
    }

    /** {@link #getpage}'s answer for a page that a truncation left wholly past the end of the file. */
    public static final int PAST_END = -6;

    /** Whether the page lies wholly past the end of its file as the object knows it ({@code vnp_size}). */
    public static boolean pastEnd(VmPage p) {
        return p.pindex >= pages(p.object.vnpSize);
    }

    /**
     * {@code vnode_pager_getpage} into a new busy page of the object: its bytes through the filesystem's read.
     * Returns 0, a negative errno, or {@link #PAST_END} when a truncation ran while the page-in waited for the
     * vnode: the size is checked again once the read is done, as {@code vnode_pager_generic_getpages} checks
     * {@code v_filesize} before its read ({@code VM_PAGER_ERROR}, a SIGBUS from {@code vm_fault}). The truncation
     * cannot wait for the busy page instead ({@code vm_object_page_remove_callback}'s {@code vm_page_sleep_busy}):
     * it holds the vnode lock the page-in needs, where DragonFly's page-in unbusies the page around its
     * {@code VOP_READ} ({@code vm_page_io_start}).
     */
    public static int getpage(SimVm vm, VmPage p) {
        byte[] data = new byte[PAGE];
        int r = p.object.pager.getpage(p.pindex * PAGE, data);
        if (r >= 0 && pastEnd(p)) {
            return PAST_END;
        }
        vm.bytes.set(vm.host.cpu(), p, data);
        if (r >= 0) {
            vm.counters.vnodePageIns++;
        }
        return Math.min(r, 0);
    }

    /**
     * After a write-back, a page that a truncation left wholly past the end of the file (the truncation passed over
     * it while it was busy) is unmapped and freed, as {@code vnode_pager_generic_putpages} marks pages past
     * {@code v_filesize} {@code VM_PAGER_BAD}. Returns whether it was; the page must not be busy.
     */
    public static boolean discardPastEnd(SimVm vm, int cpu, VmPage p) {
        if (p.object == null || p.object.type != ObjectType.VNODE || !pastEnd(p)) {
            return false;
        }
        vm.unmapAll(cpu, p);
        vm.freePage(cpu, p);
        return true;
    }

    /**
     * {@code vnode_pager_putpages} of one busy page: its bytes up to the end of the file through the filesystem's
     * write. The page is clean from the start of the write (a store meanwhile dirties it again). Returns 0 or a
     * negative errno, leaving the page dirty.
     */
    public static int putpage(SimVm vm, VmPage p) {
        VmObject o = p.object;
        long at = p.pindex * PAGE;
        int len = (int) Math.min(PAGE, o.vnpSize - at);
        p.dirty = false;
        if (len <= 0) {
            return 0;
        }
        byte[] bytes = vm.bytes.get(vm.host.cpu(), p);
        if (bytes == null) {
            bytes = new byte[PAGE];
        }
        vm.counters.vnodePageOuts++;
        int r = o.pager.putpage(at, bytes, len);
        if (r < 0) {
            p.dirty = true;
        }
        return r;
    }

    @Override
    public void written(long offset, byte[] src, int off, int len) {
        vm.host.gettoken(obj.token, TokenMode.EXCLUSIVE);
        try {
            obj.vnpSize = Math.max(obj.vnpSize, offset + len);
            for (VmPage p : obj.pagesIn(offset / PAGE, pages(offset + len))) {
                if (vm.bytes.modelled(p)) {
                    long from = Math.max(offset, p.pindex * PAGE);
                    long to = Math.min(offset + len, (p.pindex + 1) * PAGE);
                    vm.bytes.write(vm.host.cpu(), p, (int) (from - p.pindex * PAGE), src, (int) (off + from - offset),
                            (int) (to - from));
                }
            }
        } finally {
            vm.host.reltoken();
        }
    }

    @Override
    public void read(long offset, byte[] dst, int off, int len) {
        vm.host.gettoken(obj.token, TokenMode.SHARED);
        try {
            for (VmPage p : obj.pagesIn(offset / PAGE, pages(offset + len))) {
                if (p.valid && vm.bytes.modelled(p)) {
                    long from = Math.max(offset, p.pindex * PAGE);
                    long to = Math.min(offset + len, (p.pindex + 1) * PAGE);
                    vm.bytes.read(vm.host.cpu(), p, (int) (from - p.pindex * PAGE), dst, (int) (off + from - offset),
                            (int) (to - from));
                }
            }
        } finally {
            vm.host.reltoken();
        }
    }

    @Override
    public void setSize(long size) {
        int cpu = vm.host.cpu();
        vm.host.gettoken(obj.token, TokenMode.EXCLUSIVE);
        try {
            obj.vnpSize = size;
            // vm_object_page_remove of the pages wholly past the end, and the tail of the last one zeroed
            for (VmPage p : obj.pagesIn(pages(size), Long.MAX_VALUE)) {
                if (!p.busy) {
                    vm.unmapAll(cpu, p);
                    vm.freePage(cpu, p);
                }
            }
            VmPage last = size % PAGE == 0 ? null : obj.lookup(size / PAGE);
            if (last != null && vm.bytes.modelled(last)) {
                int tail = (int) (size % PAGE);
                vm.bytes.write(cpu, last, tail, new byte[PAGE - tail], 0, PAGE - tail);
            }
        } finally {
            vm.host.reltoken();
        }
    }

    @Override
    public int clean(boolean sync) {
        return clean(0, Long.MAX_VALUE, sync);
    }

    /**
     * {@code vm_object_page_clean} of the pages in {@code [from, to)}: each dirty, unbusied page is busied and written;
     * with {@code sync} the vnode is then fsynced ({@code VM_PAGER_PUT_SYNC}). Returns the pages written or the first
     * negative errno.
     */
    public int clean(long from, long to, boolean sync) {
        int written = 0;
        int error = 0;
        for (VmPage p : obj.pagesIn(from, to)) {
            if (!p.dirty || !p.valid || p.busy || p.object != obj) {
                continue;
            }
            p.busy = true;
            vm.blocking();
            int r = putpage(vm, p);
            vm.wakeupPage(p);
            discardPastEnd(vm, vm.host.cpu(), p);
            if (r < 0 && error == 0) {
                error = r;
            } else if (r == 0) {
                written++;
            }
        }
        if (sync && error == 0) {
            error = obj.pager.fsync();
        }
        return error < 0 ? error : written;
    }

    @Override
    public void terminate() {
        int cpu = vm.host.cpu();
        clean(false);
        for (VmPage p : obj.pagesIn(0, Long.MAX_VALUE)) {
            if (!p.busy) {
                vm.unmapAll(cpu, p);
                vm.freePage(cpu, p);
            }
        }
    }
}
