package org.odonata.vm.page;

import org.odonata.api.pageout.ResidentPage;
import org.odonata.vm.object.VmObject;

/**
 * One physical page ({@code struct vm_page}, {@code sys/vm/vm_page.h}): its frame and colour, its identity (object
 * and page index), the queue it is on, its busy state and its valid/dirty/referenced state.
 * <p>
 * Simplifications: {@code valid}/{@code dirty} are whole-page bits, not 512-byte chunks; the hardware accessed and
 * modified bits of every mapping are folded into {@link #referenced} and {@link #dirty} as the access happens (the
 * model sets A on every access, as if a cleared PTE were refetched); the leaf mappings are kept per page in
 * {@link #mappings} (a pv list), where DragonFly 5.x finds them by scanning the backing chains.
 */
public final class VmPage implements ResidentPage {

    public final long frame;
    public final int node;
    /** {@code m->pc}: the page colour, from the frame number. */
    public final int colour;

    public VmObject object;
    public long pindex;
    public PageQueue queue = PageQueue.NONE;

    /** {@code PG_BUSY} hard-busy: I/O or an eviction in progress; others sleep on the page. */
    public boolean busy;
    /** {@code PBUSY_WANTED}: someone sleeps until it is unbusied. */
    public boolean wanted;
    /** Soft-busy holders ({@code vm_fault_bypass}). */
    public int softBusy;

    public boolean valid;
    public boolean dirty;
    /**
     * The page's bytes, or null for a page of zeros. Kept for file pages and for what programs store or a
     * copy-on-write copies; other pages' contents are not modelled (their zero-fill and copies only cost time).
     * Unused on a vkernel guest's memory, whose bytes live in the host's pages: read and write through {@link PageBytes}.
     */
    public byte[] data;
    public boolean referenced;

    /** The pool the page is resident in while on {@link PageQueue#POOL}. */
    public Object pool;
    private Object policyData;

    /** Links of the intrusive queue ({@link PageList}) the page is on. */
    VmPage qprev;
    VmPage qnext;

    /** The leaf mappings: pmaps and virtual page numbers, in pairs. */
    public final Mappings mappings = new Mappings();

    /** Where the page was last faulted in: a trace replay's future is indexed by virtual page. */
    public Object lastSpace;
    public long lastVpn;

    public VmPage(long frame, int node, int colour) {
        this.frame = frame;
        this.node = node;
        this.colour = colour;
    }

    @Override
    public long frame() {
        return frame;
    }

    @Override
    public boolean dirty() {
        return dirty;
    }

    @Override
    public Object policyData() {
        return policyData;
    }

    @Override
    public void setPolicyData(Object data) {
        policyData = data;
    }

    /** Back to a free page: no identity, nothing mapped. */
    void clearIdentity() {
        object = null;
        pindex = 0;
        valid = false;
        dirty = false;
        data = null;
        referenced = false;
        pool = null;
        policyData = null;
        lastSpace = null;
        busy = false;
        softBusy = 0;
    }

    @Override
    public String toString() {
        return "page " + frame + (object == null ? "" : " (" + object + " @" + pindex + ")") + " " + queue;
    }
}
