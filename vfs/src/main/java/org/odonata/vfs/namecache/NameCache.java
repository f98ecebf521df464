package org.odonata.vfs.namecache;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

import org.odonata.api.vfs.Errno;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Counters;
import org.odonata.vfs.host.Host;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.vnode.Vnode;
import org.odonata.vfs.vnode.VnodeTable;

/**
 * The namecache ({@code sys/kern/vfs_cache.c}): entries hashed on (parent, name) ({@link #nlookup}, as
 * {@code cache_nlookup}), made positive or negative by {@link #setvp} ({@code cache_setvp}, which holds the vnode),
 * invalidated by {@link #setUnresolved} and {@link #destroy}, moved by {@link #rename} ({@code cache_rename}), and
 * the mount points ({@code cache_findmount}). Negative entries are kept in age order and trimmed, ten at a time,
 * once they exceed 1/{@value #NCNEGFACTOR} of all entries ({@code cache_cleanneg}). Entry locks are lockmgr locks.
 * Cost: {@link Costs#NCP_HASH} plus a cycle per name byte per lookup, {@link Costs#NCP_ALLOC} per new entry.
 */
public final class NameCache {

    /** {@code ncnegfactor}: negative entries may be at most 1/16 of all entries. */
    static final int NCNEGFACTOR = 16;
    /** {@code cache_cleanneg} removes this many at a time. */
    static final int NEG_TRIM_BURST = 10;

    private final Host host;
    private final VnodeTable vnodes;
    private final Counters counters;
    private Ncp[] table = new Ncp[1024];
    private int entries;
    private long nextSerial = 1;
    private int negatives;
    private Ncp negHead;
    private Ncp negTail;
    private final Map<Ncp, Mount> mountedOn = new IdentityHashMap<>();

    public NameCache(Host host, VnodeTable vnodes, Counters counters) {
        this.host = host;
        this.vnodes = vnodes;
        this.counters = counters;
    }

    /** {@code cache_allocroot}: the resolved root entry of a new mount, naming {@code root}. */
    public Ncp allocRoot(Mount mp, Vnode root) {
        Ncp ncp = new Ncp(mp, null, new byte[0], 0, nextSerial++);
        setvp(ncp, root);
        return ncp;
    }

    /**
     * {@code cache_nlookup}: the entry for {@code path[off..off+len)} in {@code dir}, created unresolved if there
     * is none.
     */
    public Ncp nlookup(Ncp dir, byte[] path, int off, int len) {
        host.charge(Costs.NCP_HASH + len * Costs.PER_NAME_BYTE);
        int h = hash(dir, path, off, len);
        for (Ncp n = table[h & (table.length - 1)]; n != null; n = n.hashNext) {
            if (n.hash == h && n.parent == dir && n.name.length == len
                    && Arrays.equals(n.name, 0, len, path, off, off + len)) {
                if (n.negative()) {
                    counters.ncpNegativeHits++;
                } else {
                    counters.ncpHits++;
                }
                return n;
            }
        }
        counters.ncpMisses++;
        host.charge(Costs.NCP_ALLOC);
        Ncp n = new Ncp(dir.mount, dir, Arrays.copyOfRange(path, off, off + len), h, nextSerial++);
        insert(n);
        dir.addChild(n);
        return n;
    }

    /** {@code cache_setvp}: resolves an entry as positive (holding {@code vp}) or, for null, negative. */
    public void setvp(Ncp ncp, Vnode vp) {
        if (ncp.destroyed()) {
            return;
        }
        ncp.flags &= ~(Ncp.UNRESOLVED | Ncp.ISDIR | Ncp.ISSYMLINK);
        ncp.vp = vp;
        if (vp != null) {
            vnodes.vhold(vp);
            ncp.error = 0;
            switch (vp.type) {
                case VDIR -> ncp.flags |= Ncp.ISDIR;
                case VLNK -> ncp.flags |= Ncp.ISSYMLINK;
                default -> { }
            }
        } else {
            ncp.error = Errno.ENOENT.code();
            addNegative(ncp);
            cleanNegatives();
        }
    }

    /** {@code cache_setunresolved}: forgets what the entry named; the next lookup asks the filesystem again. */
    public void setUnresolved(Ncp ncp) {
        if (!ncp.resolved()) {
            return;
        }
        if (ncp.vp != null) {
            Vnode vp = ncp.vp;
            ncp.vp = null;
            vnodes.vdrop(vp);
        } else {
            removeNegative(ncp);
        }
        ncp.flags = (ncp.flags & ~(Ncp.ISDIR | Ncp.ISSYMLINK)) | Ncp.UNRESOLVED;
        ncp.error = 0;
    }

    /**
     * {@code cache_inval} with {@code CINV_DESTROY}: removes the entry and everything below it from the cache (a
     * removed directory, an unmounted tree); a thread still on it sees {@link Ncp#DESTROYED}.
     */
    public void destroy(Ncp ncp) {
        if (ncp.destroyed()) {
            return;
        }
        if (ncp.children != null) {
            for (Ncp c : ncp.children.toArray(new Ncp[0])) {
                destroy(c);
            }
        }
        setUnresolved(ncp);
        if (ncp.parent != null) {
            remove(ncp);
            ncp.parent.children.remove(ncp);
        }
        ncp.flags |= Ncp.DESTROYED;
    }

    /**
     * {@code cache_rename}: {@code from} takes the place and name of {@code to}, keeping its vnode and subtree;
     * {@code to} is destroyed.
     */
    public void rename(Ncp from, Ncp to) {
        Ncp newParent = to.parent;
        byte[] newName = to.name;
        destroy(to);
        remove(from);
        from.parent.children.remove(from);
        from.parent = newParent;
        from.name = newName;
        from.hash = hash(newParent, newName, 0, newName.length);
        insert(from);
        newParent.addChild(from);
    }

    /** Marks {@code covered} as the mount point of {@code mp}. */
    public void mountOn(Ncp covered, Mount mp) {
        mountedOn.put(covered, mp);
        covered.flags |= Ncp.ISMOUNTPT;
    }

    public void unmountFrom(Ncp covered) {
        mountedOn.remove(covered);
        covered.flags &= ~Ncp.ISMOUNTPT;
    }

    /** {@code cache_findmount}: the mount whose mount point is {@code ncp}, or null. */
    public Mount findmount(Ncp ncp) {
        return (ncp.flags & Ncp.ISMOUNTPT) == 0 ? null : mountedOn.get(ncp);
    }

    /** Locks an entry exclusively ({@code cache_lock}). */
    public void lock(Ncp ncp) {
        ncp.lockers++;
        if (host.onCpu()) {
            host.lockExclusive(lockOf(ncp));
        }
    }

    /** Locks an entry shared ({@code cache_lock_shared}). */
    public void lockShared(Ncp ncp) {
        ncp.lockers++;
        if (host.onCpu()) {
            host.lockShared(lockOf(ncp));
        }
    }

    /**
     * {@code cache_lock_maybe_shared} ({@code vfs_cache.c}): exclusive when {@code excl} or while the entry is
     * unresolved (resolving it needs the exclusive lock), else shared; an entry found unresolved once the shared
     * lock is held is relocked exclusively. Returns whether the lock is exclusive.
     */
    public boolean lockMaybeShared(Ncp ncp, boolean excl) {
        if (excl || !ncp.resolved()) {
            lock(ncp);
            return true;
        }
        lockShared(ncp);
        if (!ncp.resolved()) {
            unlock(ncp);
            lock(ncp);
            return true;
        }
        return false;
    }

    public void unlock(Ncp ncp) {
        if (host.onCpu()) {
            host.unlock(ncp.lock);
        }
        ncp.lockers--;
    }

    /** Entries in the hash (positive, negative and unresolved). */
    public int entries() {
        return entries;
    }

    public int negatives() {
        return negatives;
    }

    private org.odonata.api.sync.LockMgr lockOf(Ncp ncp) {
        if (ncp.lock == null) {
            ncp.lock = host.newLock("ncp");
        }
        return ncp.lock;
    }

    private static int hash(Ncp dir, byte[] b, int off, int len) {
        int h = System.identityHashCode(dir) * 0x9E3779B1;
        for (int i = off; i < off + len; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private void insert(Ncp n) {
        if (entries >= table.length) {
            resize();
        }
        int i = n.hash & (table.length - 1);
        n.hashNext = table[i];
        table[i] = n;
        entries++;
    }

    private void remove(Ncp n) {
        int i = n.hash & (table.length - 1);
        Ncp prev = null;
        for (Ncp c = table[i]; c != null; prev = c, c = c.hashNext) {
            if (c == n) {
                if (prev == null) {
                    table[i] = c.hashNext;
                } else {
                    prev.hashNext = c.hashNext;
                }
                n.hashNext = null;
                entries--;
                return;
            }
        }
    }

    private void resize() {
        Ncp[] old = table;
        table = new Ncp[old.length * 2];
        for (Ncp head : old) {
            for (Ncp n = head; n != null;) {
                Ncp next = n.hashNext;
                int i = n.hash & (table.length - 1);
                n.hashNext = table[i];
                table[i] = n;
                n = next;
            }
        }
    }

    private void addNegative(Ncp n) {
        n.onNegList = true;
        n.negPrev = negTail;
        n.negNext = null;
        if (negTail == null) {
            negHead = n;
        } else {
            negTail.negNext = n;
        }
        negTail = n;
        negatives++;
    }

    private void removeNegative(Ncp n) {
        if (!n.onNegList) {
            return;
        }
        if (n.negPrev == null) {
            negHead = n.negNext;
        } else {
            n.negPrev.negNext = n.negNext;
        }
        if (n.negNext == null) {
            negTail = n.negPrev;
        } else {
            n.negNext.negPrev = n.negPrev;
        }
        n.negPrev = null;
        n.negNext = null;
        n.onNegList = false;
        negatives--;
    }

    /** {@code cache_cleanneg}: destroys the oldest unlocked negative entries while there are too many. */
    private void cleanNegatives() {
        if (negatives * NCNEGFACTOR <= entries) {
            return;
        }
        int trimmed = 0;
        for (Ncp n = negHead; n != null && trimmed < NEG_TRIM_BURST;) {
            Ncp next = n.negNext;
            if (n.lockers == 0 && (n.children == null || n.children.isEmpty())) {
                destroy(n);
                trimmed++;
                counters.ncpNegativesTrimmed++;
            }
            n = next;
        }
    }
}
