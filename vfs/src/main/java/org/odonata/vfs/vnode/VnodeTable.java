package org.odonata.vfs.vnode;

import org.odonata.api.fs.FsNode;
import org.odonata.api.sync.LockMgr;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Counters;
import org.odonata.vfs.host.Host;
import org.odonata.vfs.mount.Mount;

/**
 * Vnode allocation and life cycle ({@code sys/kern/vfs_lock.c}, {@code vfs_vnops.c}): {@link #vget} finds or
 * allocates the vnode of a filesystem node and references it (ACTIVE); {@link #vrele} of the last reference runs
 * {@code VOP_INACTIVE} (INACTIVE); a vnode neither referenced nor held by a namecache entry is reclaimed at once
 * ({@code VOP_RECLAIM}, DYING then DEAD) and forgotten by its mount. Vnode locks are lockmgr locks.
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
    }

    /** Drops an active reference; the last one deactivates the vnode. */
    public void vrele(Vnode vp) {
        if (vp.refcnt <= 0) {
            throw new IllegalStateException("vrele without a reference: " + vp);
        }
        if (--vp.refcnt > 0) {
            return;
        }
        host.charge(Costs.VOP);
        vp.node.inactive();
        counters.inactivations++;
        vp.state = VState.INACTIVE;
        if (vp.auxcnt == 0) {
            reclaim(vp);
        }
    }

    /** {@code vhold}: a namecache entry names this vnode. */
    public void vhold(Vnode vp) {
        vp.auxcnt++;
    }

    /** {@code vdrop}: a namecache entry no longer names it; an unreferenced vnode is reclaimed. */
    public void vdrop(Vnode vp) {
        if (--vp.auxcnt == 0 && vp.refcnt == 0 && vp.state == VState.INACTIVE) {
            reclaim(vp);
        }
    }

    /** Reclaims every vnode of an unmounting filesystem. */
    public void reclaimAll(Mount mp) {
        for (Vnode vp : mp.vnodes.values().toArray(new Vnode[0])) {
            if (vp.state == VState.ACTIVE) {
                vp.node.inactive();
            }
            reclaim(vp);
        }
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
        host.charge(Costs.VOP);
        vp.node.reclaim();
        vp.mount.vnodes.remove(vp.ino);
        vp.state = VState.DEAD;
        counters.vnodesReclaimed++;
        live--;
    }
}
