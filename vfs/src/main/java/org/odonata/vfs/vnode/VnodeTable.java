package org.odonata.vfs.vnode;

import org.odonata.api.fs.FsNode;
import org.odonata.api.sync.LockMgr;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Counters;
import org.odonata.vfs.host.Host;
import org.odonata.vfs.mount.Mount;

/**
 * Vnode allocation and life cycle ({@code sys/kern/vfs_lock.c}, {@code vfs_vnops.c}): {@link #vget} finds or
 * allocates the vnode of a filesystem node and references it (ACTIVE); {@link #vrele} of the last reference leaves
 * it active and cached while a namecache entry holds it, and runs {@code VOP_INACTIVE} (INACTIVE) only when it was
 * finalized ({@link #vfinalize}, after a remove) or nothing holds it; a vnode neither referenced nor held by a
 * namecache entry is reclaimed at once ({@code VOP_RECLAIM}, DYING then DEAD) and forgotten by its mount. Vnode
 * locks are lockmgr locks.
 * <p>
 * Simplification: there is no separate free-vnode cache and no {@code vnlru} thread: namecache entries keep the
 * vnodes they name cached, and an unheld inactive vnode is reclaimed immediately. Cost: {@link Costs#VNODE_ALLOC}
 * per allocation, the mount's hash otherwise.
 */
public final class VnodeTable {

    private final Host host;
    private final Counters counters;
    private long nextSerial = 1;
    private long live;

    public VnodeTable(Host host, Counters counters) {
        this.host = host;
        this.counters = counters;
    }

    /** The referenced vnode of {@code node} on {@code mp}, allocated if it has none. */
    public Vnode vget(Mount mp, FsNode node) {
        Vnode vp = mp.vnodes.get(node.ino());
        if (vp == null) {
            host.charge(Costs.VNODE_ALLOC);
            vp = new Vnode(mp, node, nextSerial++);
            mp.vnodes.put(vp.ino, vp);
            counters.vnodesAllocated++;
            live++;
        }
        vp.refcnt++;
        vp.state = VState.ACTIVE;
        return vp;
    }

    public void vref(Vnode vp) {
        if (vp.state == VState.DEAD || vp.state == VState.DYING) {
            throw new IllegalStateException("vref of a reclaimed " + vp);
        }
        vp.refcnt++;
        vp.state = VState.ACTIVE;
        vp.inactiveDone = false;
    }

    /**
     * Drops an active reference ({@code vrele}, {@code sys/kern/vfs_lock.c}). The last one leaves a vnode that
     * namecache entries still hold active and cached, without {@code VOP_INACTIVE}, unless it was finalized; a
     * finalized or unheld vnode is deactivated ({@code vnode_terminate}), and an unheld one then reclaimed.
     */
    public void vrele(Vnode vp) {
        if (vp.refcnt <= 0) {
            throw new IllegalStateException("vrele without a reference: " + vp);
        }
        if (--vp.refcnt > 0 || (!vp.finalize && vp.auxcnt > 0)) {
            return;
        }
        terminate(vp);
    }

    /**
     * {@code vfinalize}: the last reference's release will deactivate the vnode, as a filesystem asks when a node
     * has lost a name (its last, perhaps) so that {@code VOP_INACTIVE} can free it. Deactivates it now when it is
     * already unreferenced.
     */
    public void vfinalize(Vnode vp) {
        vp.finalize = true;
        if (vp.refcnt == 0 && vp.state == VState.ACTIVE) {
            terminate(vp);
        }
    }

    /** {@code vhold}: a namecache entry names this vnode. */
    public void vhold(Vnode vp) {
        vp.auxcnt++;
    }

    /** {@code vdrop}: a namecache entry no longer names it; an unreferenced vnode is reclaimed. */
    public void vdrop(Vnode vp) {
        if (--vp.auxcnt > 0 || vp.refcnt > 0) {
            return;
        }
        if (vp.state == VState.ACTIVE) {
            terminate(vp);
        } else if (vp.state == VState.INACTIVE) {
            reclaim(vp);
        }
    }

    /** {@code vnode_terminate}: {@code VOP_INACTIVE} unless it already ran; an unheld vnode is then reclaimed. */
    private void terminate(Vnode vp) {
        vp.finalize = false;
        if (!vp.inactiveDone) {
            vp.inactiveDone = true;
            host.charge(Costs.VOP);
            vp.node.inactive();
            counters.inactivations++;
        }
        vp.state = VState.INACTIVE;
        if (vp.auxcnt == 0) {
            reclaim(vp);
        }
    }

    /** Reclaims every vnode of an unmounting filesystem. */
    public void reclaimAll(Mount mp) {
        for (Vnode vp : mp.vnodes.values().toArray(new Vnode[0])) {
            if (vp.state == VState.ACTIVE && !vp.inactiveDone) {
                vp.node.inactive();
            }
            reclaim(vp);
        }
    }

    /** The vnode pager of a regular file ({@code vnode_pager_alloc}'s vnode side), made at its first use. */
    public VnodePagerImpl pager(Vnode vp) {
        if (vp.pager == null) {
            vp.pager = new VnodePagerImpl(vp, this, host);
        }
        return vp.pager;
    }

    /** The vnode's lock, created at first use. */
    public LockMgr lock(Vnode vp) {
        LockMgr l = vp.lock;
        if (l == null) {
            l = vp.lock = host.newLock("vnode");
        }
        return l;
    }

    public void lockShared(Vnode vp) {
        if (host.onCpu()) {
            host.lockShared(lock(vp));
        }
    }

    public void lockExclusive(Vnode vp) {
        if (host.onCpu()) {
            host.lockExclusive(lock(vp));
        }
    }

    public void unlock(Vnode vp) {
        if (host.onCpu()) {
            host.unlock(vp.lock);
        }
    }

    /** Vnodes allocated and not yet reclaimed. */
    public long live() {
        return live;
    }

    private void reclaim(Vnode vp) {
        vp.state = VState.DYING;
        if (vp.object() != null) {
            // vinvalbuf(V_SAVE) and vm_object_terminate: dirty pages reach the file before the node goes
            vp.object().terminate();
        }
        host.charge(Costs.VOP);
        vp.node.reclaim();
        vp.mount.vnodes.remove(vp.ino);
        vp.state = VState.DEAD;
        counters.vnodesReclaimed++;
        live--;
    }
}
