package org.odonata.vfs.namecache;

import org.odonata.api.fs.FsException;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.vfs.access.Access;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Counters;
import org.odonata.vfs.host.Host;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.vnode.Vnode;
import org.odonata.vfs.vnode.VnodeTable;

/**
 * {@code nlookup} ({@code sys/kern/vfs_nlookup.c}): walks a path component by component through the namecache,
 * using resolved intermediate entries without locking them ({@code cache_nlookup_nonlocked}) and locking an entry
 * only to resolve it or as the leaf; resolves unresolved entries with {@code VOP_NRESOLVE} ({@code cache_resolve}),
 * checks search permission on every directory it passes ({@code naccess(VEXEC)}), follows symbolic links (at most
 * {@link Fcntl#MAXSYMLINKS}, then ELOOP), crosses into mounts through covered entries and back out through
 * {@code ..}, and returns the leaf locked (shared for {@link Nameidata#SHAREDLOCK}). With {@link Nameidata#CREATE}
 * a missing leaf is returned as a negative entry. Linux's answers where they differ from DragonFly's: an empty path is ENOENT, a NUL in it EINVAL, a name
 * over {@link Fcntl#NAME_MAX} bytes ENAMETOOLONG, a path of {@link Fcntl#PATH_MAX} bytes or more ENAMETOOLONG.
 */
public final class NLookup {

    /** The mode bits that make a directory world-searchable for {@code NCF_WXOK}: r-x for owner, group, others. */
    private static final int S_WXOK_MASK = 0555;

    private final Host host;
    private final NameCache cache;
    private final VnodeTable vnodes;
    private final Counters counters;

    public NLookup(Host host, NameCache cache, VnodeTable vnodes, Counters counters) {
        this.host = host;
        this.cache = cache;
        this.vnodes = vnodes;
        this.counters = counters;
    }

    /** Checks a path's bytes: 0, or EINVAL (a NUL), ENOENT (empty) or ENAMETOOLONG. */
    public static int checkPath(byte[] path) {
        if (path == null) {
            return Errno.EFAULT.negated();
        }
        if (path.length == 0) {
            return Errno.ENOENT.negated();
        }
        if (path.length >= Fcntl.PATH_MAX) {
            return Errno.ENAMETOOLONG.negated();
        }
        for (byte b : path) {
            if (b == 0) {
                return Errno.EINVAL.negated();
            }
        }
        return 0;
    }

    /** Resolves {@code nd.path}; returns 0 with {@code nd.ncp} locked, or a negative errno with nothing locked. */
    public int nlookup(Nameidata nd) {
        counters.lookups++;
        int error = checkPath(nd.path);
        if (error != 0) {
            return error;
        }
        byte[] path = nd.path;
        int len = path.length;
        int pos = 0;
        int loops = 0;
        Ncp cur = nd.start;
        while (true) {
            if (pos < len && path[pos] == '/') {
                while (pos < len && path[pos] == '/') {
                    pos++;
                }
                cur = nd.root;
                if (pos == len) {
                    lockLeaf(nd, cur);
                    nd.ncp = cur;
                    nd.trailingSlash = true;
                    return 0;
                }
            }
            if (cur.destroyed()) {
                return Errno.ENOENT.negated();
            }
            error = naccessDir(cur, nd.cred);
            if (error != 0) {
                return error;
            }
            int start = pos;
            while (pos < len && path[pos] != '/') {
                pos++;
            }
            int nlen = pos - start;
            int rest = pos;
            while (rest < len && path[rest] == '/') {
                rest++;
            }
            boolean last = rest == len;
            if (nlen > Fcntl.NAME_MAX) {
                return Errno.ENAMETOOLONG.negated();
            }
            Ncp nch;
            int dots = 0;
            if (nlen == 1 && path[start] == '.') {
                nch = cur;
                dots = 1;
            } else if (nlen == 2 && path[start] == '.' && path[start + 1] == '.') {
                nch = dotdot(cur, nd.root);
                if (nch == null) {
                    return Errno.ENOENT.negated();
                }
                dots = 2;
            } else {
                nch = cache.nlookup(cur, path, start, nlen);
            }
            // cache_nlookup_nonlocked: a resolved intermediate entry is used without its lock
            boolean locked = last || !nch.resolved();
            if (last) {
                lockLeaf(nd, nch);
            } else if (locked) {
                cache.lock(nch);
            }
            if (!nch.resolved()) {
                error = resolve(nch);
            } else {
                error = -nch.error;
            }
            if (last) {
                nd.trailingSlash = pos < len;
                nd.dots = dots;
                if (error == Errno.ENOENT.negated() && (nd.flags & Nameidata.CREATE) != 0) {
                    nd.ncp = nch;
                    return 0;
                }
                // nlookup's "POSIX junk" (vfs_nlookup.c): a rename's . or .. is EINVAL; a removal's . EINVAL, .. ENOTEMPTY
                if (error == 0 && dots != 0 && (nd.flags & Nameidata.RENAME) != 0) {
                    error = Errno.EINVAL.negated();
                } else if (error == 0 && dots != 0 && (nd.flags & Nameidata.DELETE) != 0) {
                    error = dots == 1 ? Errno.EINVAL.negated() : Errno.ENOTEMPTY.negated();
                }
            }
            if (error != 0) {
                if (locked) {
                    cache.unlock(nch);
                }
                return error;
            }
            if ((nch.flags & Ncp.ISSYMLINK) != 0
                    && (!last || nd.trailingSlash || (nd.flags & Nameidata.FOLLOW) != 0)) {
                if (!locked) {
                    cache.lock(nch);
                }
                if (++loops > Fcntl.MAXSYMLINKS) {
                    cache.unlock(nch);
                    return Errno.ELOOP.negated();
                }
                byte[] target;
                try {
                    target = readlink(nch);
                } catch (FsException e) {
                    return e.errno().negated();
                } finally {
                    cache.unlock(nch);
                }
                counters.symlinksFollowed++;
                if (target.length == 0) {
                    return Errno.ENOENT.negated();
                }
                int tail = len - pos;
                if (target.length + tail >= Fcntl.PATH_MAX) {
                    return Errno.ENAMETOOLONG.negated();
                }
                byte[] joined = new byte[target.length + tail];
                System.arraycopy(target, 0, joined, 0, target.length);
                System.arraycopy(path, pos, joined, target.length, tail);
                path = joined;
                len = joined.length;
                pos = 0;
                // a relative target continues in the link's directory, an absolute one at the root
                continue;
            }
            Mount mp;
            while ((mp = cache.findmount(nch)) != null) {
                if (locked) {
                    cache.unlock(nch);
                }
                nch = mp.ncmountpt;
                locked = last;
                if (locked) {
                    lockLeaf(nd, nch);
                }
            }
            if (last) {
                if (nd.trailingSlash && !nch.isDir()) {
                    cache.unlock(nch);
                    return Errno.ENOTDIR.negated();
                }
                nd.ncp = nch;
                return 0;
            }
            if (locked) {
                cache.unlock(nch);
            }
            if (!nch.isDir()) {
                return Errno.ENOTDIR.negated();
            }
            cur = nch;
            pos = rest;
        }
    }

    /** The leaf's lock: shared only when the caller asked for {@link Nameidata#SHAREDLOCK} ({@code wantsexcllock}). */
    private void lockLeaf(Nameidata nd, Ncp nch) {
        if (cache.lockMaybeShared(nch, (nd.flags & Nameidata.SHAREDLOCK) == 0)) {
            counters.ncpLeafExclusive++;
        } else {
            counters.ncpLeafShared++;
        }
    }

    /** Unlocks the leaf of a successful lookup. */
    public void done(Nameidata nd) {
        if (nd.ncp != null) {
            cache.unlock(nd.ncp);
            nd.ncp = null;
        }
    }

    /**
     * {@code ..} of {@code cur}: the caller's root stays put; at a mount's root, the covered entry's parent; null
     * for an entry cut off from the tree (a removed directory).
     */
    public Ncp dotdot(Ncp cur, Ncp root) {
        Ncp n = cur;
        if (n == root) {
            return n;
        }
        while (n.parent() == null && n.mount.ncmounton != null && n == n.mount.ncmountpt) {
            n = n.mount.ncmounton;
            if (n == root) {
                return n;
            }
        }
        return n.parent() == null ? (n == n.mount.ncmountpt ? n : null) : n.parent();
    }

    /** {@code cache_resolve}: asks the directory's filesystem what the locked, unresolved {@code ncp} names. */
    public int resolve(Ncp ncp) {
        Ncp dir = ncp.parent();
        if (dir == null || dir.vp == null || dir.destroyed()) {
            return Errno.ENOENT.negated();
        }
        counters.resolves++;
        Vnode dvp = dir.vp;
        vnodes.vref(dvp);
        vnodes.lockShared(dvp);
        try {
            host.charge(Costs.VOP);
            FsNode node = dvp.node.nresolve(ncp.name());
            if (node == null) {
                cache.setvp(ncp, null);
                return Errno.ENOENT.negated();
            }
            Vnode vp = vnodes.vget(dvp.mount, node);
            cache.setvp(ncp, vp);
            vnodes.vrele(vp);
            return 0;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vnodes.unlock(dvp);
            vnodes.vrele(dvp);
        }
    }

    /** {@code naccess(VEXEC)} on a directory the walk passes through. */
    /**
     * {@code naccess(NLC_EXEC)} on a directory being passed through: skipped while the directory is known to be
     * searchable by everyone ({@code NCF_WXOK}), which its attributes set when its mode has r-x for all and any
     * {@code VOP_SETATTR} clears ({@code cache_inval_wxok}).
     */
    private int naccessDir(Ncp dir, Ucred cred) {
        Vnode vp = dir.vp;
        if (vp == null) {
            return Errno.ENOENT.negated();
        }
        if (vp.wxok) {
            return 0;
        }
        Vattr va = getattr(vp);
        vp.wxok = va.type() == VType.VDIR && (va.mode() & S_WXOK_MASK) == S_WXOK_MASK;
        return Access.check(va, Access.VEXEC, cred);
    }

    /** {@code VOP_GETATTR} under a shared vnode lock. */
    public Vattr getattr(Vnode vp) {
        vnodes.vref(vp);
        vnodes.lockShared(vp);
        try {
            host.charge(Costs.VOP);
            return vp.node.getattr();
        } finally {
            vnodes.unlock(vp);
            vnodes.vrele(vp);
        }
    }

    private byte[] readlink(Ncp ncp) {
        Vnode vp = ncp.vp;
        vnodes.vref(vp);
        vnodes.lockShared(vp);
        try {
            host.charge(Costs.VOP);
            return vp.node.readlink();
        } finally {
            vnodes.unlock(vp);
            vnodes.vrele(vp);
        }
    }
}
