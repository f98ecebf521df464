package org.odonata.vfs.syscall;

import org.odonata.api.fs.FsException;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.NewNode;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.fs.VattrChange;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.vfs.access.Access;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.file.FdTable;
import org.odonata.vfs.file.OpenFile;
import org.odonata.vfs.file.Pipe;
import org.odonata.vfs.file.PipeFile;
import org.odonata.vfs.file.VnodeFile;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.namecache.Nameidata;
import org.odonata.vfs.namecache.Ncp;
import org.odonata.vfs.vnode.Vnode;

/**
 * The path calls ({@code sys/kern/vfs_syscalls.c}, {@code vn_open} in {@code vfs_vnops.c}): each looks its path up
 * with {@code nlookup}, which leaves the leaf entry locked, checks permissions against the attributes the
 * filesystem reports, and calls the filesystem's namecache VOP holding the directory's vnode lock, then updates the
 * namecache (a created name becomes positive, a removed one negative, a removed directory is destroyed, a rename
 * moves the entry). Where Linux and DragonFly answer differently Linux's answer is given (unlink of a directory is
 * EISDIR, O_NOFOLLOW on a link ELOOP, creating through a name with a trailing slash EISDIR, a new file's group is the
 * effective gid unless the directory is set-gid).
 */
abstract class PathCalls extends DescriptorCalls {

    /** A rename re-validates its two locked entries; a concurrent change makes it start over at most this often. */
    private static final int RENAME_RETRIES = 8;

    PathCalls(VfsCore vfs, int pid, FdTable fds, Ncp cwd, Ncp root, int cmask, Ucred cred) {
        super(vfs, pid, fds, cwd, root, cmask, cred);
    }

    // ---- open and create ----

    public int openat(int dirfd, byte[] path, int flags, int mode) {
        // kern_open (sys/kern/vfs_syscalls.c): both access modes at once is EINVAL, before anything is looked up
        if ((flags & Fcntl.O_ACCMODE) == Fcntl.O_ACCMODE && (flags & Fcntl.O_PATH) == 0) {
            return Errno.EINVAL.negated();
        }
        boolean creat = (flags & Fcntl.O_CREAT) != 0;
        boolean excl = creat && (flags & Fcntl.O_EXCL) != 0;
        boolean nofollow = (flags & Fcntl.O_NOFOLLOW) != 0;
        int nlc = (creat ? Nameidata.CREATE : 0) | (excl || nofollow ? 0 : Nameidata.FOLLOW)
                // kern_open: without O_CREAT or O_TRUNC the leaf may be locked shared
                | ((flags & (Fcntl.O_CREAT | Fcntl.O_TRUNC)) == 0 ? Nameidata.SHAREDLOCK : 0);
        Nameidata[] nd = new Nameidata[1];
        int error = namei(nd, dirfd, path, nlc);
        if (error != 0) {
            return error;
        }
        Ncp ncp = nd[0].ncp;
        Vnode vp;
        boolean created = false;
        PipeFile fifo;
        try {
            if (ncp.negative()) {
                if (nd[0].trailingSlash) {
                    return Errno.EISDIR.negated();
                }
                Vattr dva = getattr(ncp.parent().vp);
                error = checkCreate(ncp, dva);
                if (error != 0) {
                    return error;
                }
                NewNode attrs = new NewNode(VType.VREG, mode & ~cmask & Fcntl.ALLPERMS, cred.euid(), newGid(dva), 0);
                error = create(ncp, dir -> dir.ncreate(ncp.name(), attrs));
                if (error != 0) {
                    return error;
                }
                created = true;
            } else if (excl) {
                return Errno.EEXIST.negated();
            }
            vp = ncp.vp;
            // Linux open(2): O_PATH|O_NOFOLLOW on a symbolic link opens the link itself
            if (vp.type == VType.VLNK && (flags & Fcntl.O_PATH) == 0) {
                return Errno.ELOOP.negated();
            }
            if ((flags & Fcntl.O_DIRECTORY) != 0 && vp.type != VType.VDIR) {
                return Errno.ENOTDIR.negated();
            }
            int acc = flags & Fcntl.O_ACCMODE;
            boolean write = acc == Fcntl.O_WRONLY || acc == Fcntl.O_RDWR;
            if (vp.type == VType.VDIR && (write || creat)) {
                return Errno.EISDIR.negated();
            }
            if (!created && (flags & Fcntl.O_PATH) == 0) {
                Vattr va = getattr(vp);
                int vmode = (write || (flags & Fcntl.O_TRUNC) != 0 ? Access.VWRITE : 0)
                        | (acc == Fcntl.O_RDONLY || acc == Fcntl.O_RDWR ? Access.VREAD : 0);
                error = access(va, vmode);
                if (error != 0) {
                    return error;
                }
                if ((vmode & Access.VWRITE) != 0 && vp.mount.readOnly && vp.type == VType.VREG) {
                    return Errno.EROFS.negated();
                }
            }
            if (vp.type == VType.VCHR || vp.type == VType.VBLK || vp.type == VType.VSOCK) {
                return Errno.ENXIO.negated();
            }
            vfs.host.charge(Costs.FALLOC);
            if (vp.type == VType.VFIFO) {
                Pipe p = vp.fifo instanceof Pipe existing ? existing : Pipe.fifo(vfs.kernel());
                vp.fifo = p;
                // fifo_open (sys/vfs/fifofs/fifo_vnops.c): a non-blocking write-only open finds no reader: ENXIO
                if (acc == Fcntl.O_WRONLY && (flags & Fcntl.O_NONBLOCK) != 0 && !p.hasReaders()) {
                    return Errno.ENXIO.negated();
                }
                Vnode fvp = vp;
                vfs.vnodes.vref(fvp);
                fifo = PipeFile.openNamed(vfs.kernel(), p, flags & (Fcntl.O_ACCMODE | Fcntl.O_NONBLOCK), vp.ino,
                        () -> VnodeFile.fileStat(fvp.mount, vfs.lookup.getattr(fvp)), () -> vfs.vnodes.vrele(fvp));
            } else {
                vfs.vnodes.vref(vp);
                OpenFile f = new VnodeFile(vfs.host, vfs.vnodes, vfs.counters, vp, ncp,
                        flags & ~(Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_TRUNC | Fcntl.O_CLOEXEC), !cred.superuser());
                if (!created && (flags & Fcntl.O_TRUNC) != 0 && write && vp.type == VType.VREG) {
                    error = ((VnodeFile) f).setattr(VattrChange.size(0));
                    if (error != 0) {
                        f.close();
                        return error;
                    }
                }
                return install(f, flags);
            }
        } finally {
            vfs.lookup.done(nd[0]);
        }
        // a FIFO's open waits for the other side with the namecache entry unlocked, as fifo_open unlocks the vnode
        fifo.awaitOtherSide();
        return install(fifo, flags);
    }

    /** {@code fdalloc} of a new open file (closed again when the table is full). */
    private int install(OpenFile f, int flags) {
        int fd = fds.alloc(f, (flags & Fcntl.O_CLOEXEC) != 0, 0);
        if (fd < 0) {
            f.close();
            return fd;
        }
        vfs.counters.filesOpened++;
        return fd;
    }

    public int mkdirat(int dirfd, byte[] path, int mode) {
        return makeNode(dirfd, path, Nameidata.WILLBEDIR, (ncp, dva) -> {
            int m = mode & ~cmask & 01777 | (dva.mode() & Fcntl.S_ISGID);
            NewNode attrs = new NewNode(VType.VDIR, m, cred.euid(), newGid(dva), 0);
            return create(ncp, dir -> dir.nmkdir(ncp.name(), attrs));
        });
    }

    public int mknodat(int dirfd, byte[] path, int mode, long dev) {
        VType type = (mode & Fcntl.S_IFMT) == 0 ? VType.VREG : VType.ofMode(mode);
        if (type == null || type == VType.VDIR || type == VType.VLNK) {
            return type == VType.VDIR ? Errno.EPERM.negated() : Errno.EINVAL.negated();
        }
        if ((type == VType.VCHR || type == VType.VBLK) && !cred.superuser()) {
            return Errno.EPERM.negated();
        }
        return makeNode(dirfd, path, 0, (ncp, dva) -> {
            NewNode attrs = new NewNode(type, mode & ~cmask & Fcntl.ALLPERMS, cred.euid(), newGid(dva),
                    type == VType.VCHR || type == VType.VBLK ? dev : 0);
            return create(ncp, dir -> dir.ncreate(ncp.name(), attrs));
        });
    }

    public int symlinkat(byte[] target, int newdirfd, byte[] linkpath) {
        int error = org.odonata.vfs.namecache.NLookup.checkPath(target);
        if (error != 0) {
            return error;
        }
        return makeNode(newdirfd, linkpath, 0, (ncp, dva) -> {
            NewNode attrs = new NewNode(VType.VLNK, 0777, cred.euid(), newGid(dva), 0);
            return create(ncp, dir -> dir.nsymlink(ncp.name(), attrs, target));
        });
    }

    public int linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) {
        if ((flags & ~(Fcntl.AT_SYMLINK_FOLLOW | Fcntl.AT_EMPTY_PATH)) != 0) {
            return Errno.EINVAL.negated();
        }
        Nameidata[] src = new Nameidata[1];
        int error = namei(src, olddirfd, oldpath, (flags & Fcntl.AT_SYMLINK_FOLLOW) != 0 ? Nameidata.FOLLOW : 0);
        if (error != 0) {
            return error;
        }
        Vnode svp = src[0].ncp.vp;
        vfs.vnodes.vref(svp);
        vfs.lookup.done(src[0]);
        try {
            if (svp.type == VType.VDIR) {
                return Errno.EPERM.negated();
            }
            return makeNode(newdirfd, newpath, 0, (ncp, dva) -> {
                if (ncp.mount != svp.mount) {
                    return Errno.EXDEV.negated();
                }
                Vnode dvp = ncp.parent().vp;
                vfs.vnodes.lockExclusive(dvp);
                try {
                    vfs.host.charge(Costs.VOP);
                    dvp.node.nlink(ncp.name(), svp.node);
                } catch (FsException e) {
                    return e.errno().negated();
                } finally {
                    vfs.vnodes.unlock(dvp);
                }
                vfs.cache.setUnresolved(ncp);
                vfs.cache.setvp(ncp, svp);
                return 0;
            });
        } finally {
            vfs.vnodes.vrele(svp);
        }
    }

    // ---- remove and rename ----

    public int unlinkat(int dirfd, byte[] path, int flags) {
        if ((flags & ~Fcntl.AT_REMOVEDIR) != 0) {
            return Errno.EINVAL.negated();
        }
        boolean rmdir = (flags & Fcntl.AT_REMOVEDIR) != 0;
        Nameidata[] nd = new Nameidata[1];
        int error = namei(nd, dirfd, path, Nameidata.DELETE);
        if (error != 0) {
            return error;
        }
        Ncp ncp = nd[0].ncp;
        try {
            Vnode vp = ncp.vp;
            if (rmdir ? vp.type != VType.VDIR : vp.type == VType.VDIR) {
                return rmdir ? Errno.ENOTDIR.negated() : Errno.EISDIR.negated();
            }
            if (!rmdir && nd[0].trailingSlash) {
                return Errno.ENOTDIR.negated();
            }
            if (ncp == root || ncp.parent() == null) {
                return Errno.EBUSY.negated();
            }
            Vnode dvp = ncp.parent().vp;
            error = checkDelete(dvp, vp);
            if (error != 0) {
                return error;
            }
            vfs.vnodes.vref(vp);
            try {
                vfs.vnodes.lockExclusive(dvp);
                try {
                    vfs.host.charge(Costs.VOP);
                    if (rmdir) {
                        dvp.node.nrmdir(ncp.name());
                    } else {
                        dvp.node.nremove(ncp.name());
                    }
                    vfs.vnodes.vfinalize(vp);
                } catch (FsException e) {
                    return e.errno().negated();
                } finally {
                    vfs.vnodes.unlock(dvp);
                }
                if (rmdir) {
                    vfs.cache.destroy(ncp);
                } else {
                    vfs.cache.setUnresolved(ncp);
                    vfs.cache.setvp(ncp, null);
                }
                return 0;
            } finally {
                vfs.vnodes.vrele(vp);
            }
        } finally {
            vfs.lookup.done(nd[0]);
        }
    }

    public int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath) {
        return renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
    }

    public int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) {
        if ((flags & ~Fcntl.RENAME_NOREPLACE) != 0) {
            return Errno.EINVAL.negated();
        }
        for (int attempt = 0; attempt < RENAME_RETRIES; attempt++) {
            Nameidata[] from = new Nameidata[1];
            int error = namei(from, olddirfd, oldpath, Nameidata.DELETE | Nameidata.RENAME);
            if (error != 0) {
                return error;
            }
            Ncp fncp = from[0].ncp;
            boolean fromSlash = from[0].trailingSlash;
            vfs.lookup.done(from[0]);
            Nameidata[] to = new Nameidata[1];
            error = namei(to, newdirfd, newpath,
                    Nameidata.CREATE | Nameidata.DELETE | Nameidata.WILLBEDIR | Nameidata.RENAME);
            if (error != 0) {
                return error;
            }
            Ncp tncp = to[0].ncp;
            boolean toSlash = to[0].trailingSlash;
            vfs.lookup.done(to[0]);
            if (fncp == tncp) {
                return 0;
            }
            Ncp first = fncp.serial < tncp.serial ? fncp : tncp;
            Ncp second = first == fncp ? tncp : fncp;
            vfs.cache.lock(first);
            vfs.cache.lock(second);
            try {
                if (fncp.destroyed() || tncp.destroyed() || !fncp.resolved() || !tncp.resolved()
                        || fncp.vp == null) {
                    continue;
                }
                return rename(fncp, tncp, fromSlash, toSlash, flags);
            } finally {
                vfs.cache.unlock(second);
                vfs.cache.unlock(first);
            }
        }
        return Errno.EAGAIN.negated();
    }

    /** {@code kern_rename} with both entries locked and resolved. */
    private int rename(Ncp fncp, Ncp tncp, boolean fromSlash, boolean toSlash, int flags) {
        Vnode fvp = fncp.vp;
        Vnode tvp = tncp.vp;
        Ncp fdir = fncp.parent();
        Ncp tdir = tncp.parent();
        if (fdir == null || tdir == null || fncp == root || tncp == root) {
            return Errno.EBUSY.negated();
        }
        if (fncp.mount != tncp.mount) {
            return Errno.EXDEV.negated();
        }
        boolean dir = fvp.type == VType.VDIR;
        if ((fromSlash || toSlash) && !dir) {
            return Errno.ENOTDIR.negated();
        }
        if (tvp != null) {
            if ((flags & Fcntl.RENAME_NOREPLACE) != 0) {
                return Errno.EEXIST.negated();
            }
            if (tvp == fvp) {
                return 0;
            }
            if (dir && tvp.type != VType.VDIR) {
                return Errno.ENOTDIR.negated();
            }
            if (!dir && tvp.type == VType.VDIR) {
                return Errno.EISDIR.negated();
            }
        }
        if (dir) {
            for (Ncp n = tdir; n != null; n = n.parent()) {
                if (n == fncp) {
                    return Errno.EINVAL.negated();
                }
            }
        }
        Vnode fdvp = fdir.vp;
        Vnode tdvp = tdir.vp;
        int error = checkDelete(fdvp, fvp);
        if (error == 0 && tvp != null) {
            error = checkDelete(tdvp, tvp);
        } else if (error == 0) {
            error = checkCreate(tncp, getattr(tdvp));
        }
        if (error == 0 && dir && fdir != tdir) {
            error = access(getattr(fvp), Access.VWRITE);
        }
        if (error != 0) {
            return error;
        }
        vfs.vnodes.vref(fvp);
        if (tvp != null) {
            vfs.vnodes.vref(tvp);
        }
        Vnode firstDir = fdvp.serial <= tdvp.serial ? fdvp : tdvp;
        Vnode secondDir = firstDir == fdvp ? tdvp : fdvp;
        vfs.vnodes.lockExclusive(firstDir);
        if (secondDir != firstDir) {
            vfs.vnodes.lockExclusive(secondDir);
        }
        try {
            vfs.host.charge(Costs.VOP);
            fdvp.node.nrename(fncp.name(), tdvp.node, tncp.name());
            if (tvp != null) {
                vfs.vnodes.vfinalize(tvp);
            }
            vfs.cache.rename(fncp, tncp);
            return 0;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            if (secondDir != firstDir) {
                vfs.vnodes.unlock(secondDir);
            }
            vfs.vnodes.unlock(firstDir);
            if (tvp != null) {
                vfs.vnodes.vrele(tvp);
            }
            vfs.vnodes.vrele(fvp);
        }
    }

    // ---- attributes ----

    public SysResult<FileStat> fstatat(int dirfd, byte[] path, int flags) {
        if ((flags & Fcntl.AT_EMPTY_PATH) != 0 && path != null && path.length == 0) {
            return fstat(dirfd);
        }
        Nameidata[] nd = new Nameidata[1];
        // kern_stat: NLC_SHAREDLOCK
        int error = namei(nd, dirfd, path,
                ((flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Nameidata.FOLLOW) | Nameidata.SHAREDLOCK);
        if (error != 0) {
            return new SysResult<>(error, null);
        }
        try {
            Vnode vp = nd[0].ncp.vp;
            return SysResult.ok(VnodeFile.fileStat(vp.mount, getattr(vp)));
        } finally {
            vfs.lookup.done(nd[0]);
        }
    }

    public int truncate(byte[] path, long length) {
        if (length < 0) {
            return Errno.EINVAL.negated();
        }
        return withNode(Fcntl.AT_FDCWD, path, Nameidata.FOLLOW, (vp, va) -> {
            if (vp.type == VType.VDIR) {
                return Errno.EISDIR.negated();
            }
            if (vp.type != VType.VREG) {
                return Errno.EINVAL.negated();
            }
            int e = access(va, Access.VWRITE);
            return e != 0 ? e : setattr(vp, VattrChange.size(length));
        });
    }

    public int fchmod(int fd, int mode) {
        OpenFile f = fget(fd);
        if (!(f instanceof VnodeFile vf)) {
            return f == null ? Errno.EBADF.negated() : Errno.EINVAL.negated();
        }
        return chmod(vf.vp, getattr(vf.vp), mode);
    }

    public int fchmodat(int dirfd, byte[] path, int mode, int flags) {
        if ((flags & ~Fcntl.AT_SYMLINK_NOFOLLOW) != 0) {
            return Errno.EINVAL.negated();
        }
        return withNode(dirfd, path, (flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Nameidata.FOLLOW, (vp, va) ->
                vp.type == VType.VLNK ? Errno.EOPNOTSUPP.negated() : chmod(vp, va, mode));
    }

    private int chmod(Vnode vp, Vattr va, int mode) {
        int error = Access.owner(va, cred);
        if (error != 0) {
            return error;
        }
        int m = mode & Fcntl.ALLPERMS;
        if (!cred.superuser() && vp.type != VType.VDIR && !cred.groupMember(va.gid())) {
            m &= ~Fcntl.S_ISGID;
        }
        return setattr(vp, VattrChange.mode(m));
    }

    public int fchown(int fd, int uid, int gid) {
        OpenFile f = fget(fd);
        if (!(f instanceof VnodeFile vf)) {
            return f == null ? Errno.EBADF.negated() : Errno.EINVAL.negated();
        }
        return chown(vf.vp, getattr(vf.vp), uid, gid);
    }

    public int fchownat(int dirfd, byte[] path, int uid, int gid, int flags) {
        if ((flags & ~(Fcntl.AT_SYMLINK_NOFOLLOW | Fcntl.AT_EMPTY_PATH)) != 0) {
            return Errno.EINVAL.negated();
        }
        return withNode(dirfd, path, (flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Nameidata.FOLLOW,
                (vp, va) -> chown(vp, va, uid, gid));
    }

    /**
     * {@code chown}: uid 0 may give any owner and group; the owner may only set the group to one it belongs to.
     * Changing either clears set-uid, and set-gid where group-execute is set, on a non-directory (as Linux does).
     */
    private int chown(Vnode vp, Vattr va, int uid, int gid) {
        boolean uidChange = uid != -1 && uid != va.uid();
        boolean gidChange = gid != -1 && gid != va.gid();
        if (!cred.superuser()) {
            if (uidChange || (gid != -1 && (cred.euid() != va.uid() || !cred.groupMember(gid)))) {
                return Errno.EPERM.negated();
            }
        }
        Integer mode = null;
        if ((uid != -1 || gid != -1) && vp.type != VType.VDIR) {
            int m = va.mode() & ~Fcntl.S_ISUID;
            if ((va.mode() & 010) != 0) {
                m &= ~Fcntl.S_ISGID;
            }
            mode = m != va.mode() ? m : null;
        }
        if (!uidChange && !gidChange && mode == null) {
            return setattr(vp, VattrChange.owner(null, null));
        }
        return setattr(vp, new VattrChange(mode, uid == -1 ? null : uid, gid == -1 ? null : gid, null, null, null));
    }

    public int utimensat(int dirfd, byte[] path, long atime, long mtime, int flags) {
        if ((flags & ~Fcntl.AT_SYMLINK_NOFOLLOW) != 0) {
            return Errno.EINVAL.negated();
        }
        if (path == null) {
            OpenFile f = fget(dirfd);
            if (!(f instanceof VnodeFile vf)) {
                return f == null ? Errno.EBADF.negated() : Errno.EINVAL.negated();
            }
            return utimes(vf.vp, getattr(vf.vp), atime, mtime);
        }
        return withNode(dirfd, path, (flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Nameidata.FOLLOW,
                (vp, va) -> utimes(vp, va, atime, mtime));
    }

    /** Setting times to now needs ownership or write access; setting given times needs ownership. */
    private int utimes(Vnode vp, Vattr va, long atime, long mtime) {
        if (atime == Fcntl.UTIME_OMIT && mtime == Fcntl.UTIME_OMIT) {
            return 0;
        }
        boolean explicit = (atime != Fcntl.UTIME_NOW && atime != Fcntl.UTIME_OMIT)
                || (mtime != Fcntl.UTIME_NOW && mtime != Fcntl.UTIME_OMIT);
        int error = Access.owner(va, cred);
        if (error != 0 && !explicit) {
            error = access(va, Access.VWRITE) == 0 ? 0 : Errno.EACCES.negated();
        }
        if (error != 0) {
            return error;
        }
        long now = vfs.kernel().realtime();
        Long a = atime == Fcntl.UTIME_OMIT ? null : atime == Fcntl.UTIME_NOW ? now : atime;
        Long m = mtime == Fcntl.UTIME_OMIT ? null : mtime == Fcntl.UTIME_NOW ? now : mtime;
        return setattr(vp, VattrChange.times(a, m));
    }

    public int faccessat(int dirfd, byte[] path, int mode, int flags) {
        if ((mode & ~(Fcntl.R_OK | Fcntl.W_OK | Fcntl.X_OK)) != 0
                || (flags & ~(Fcntl.AT_EACCESS | Fcntl.AT_SYMLINK_NOFOLLOW)) != 0) {
            return Errno.EINVAL.negated();
        }
        Ucred as = (flags & Fcntl.AT_EACCESS) != 0 ? cred
                : cred.withUids(cred.ruid(), cred.ruid(), cred.svuid()).withGids(cred.rgid(), cred.rgid(),
                        cred.svgid());
        return withNode(dirfd, path, (flags & Fcntl.AT_SYMLINK_NOFOLLOW) != 0 ? 0 : Nameidata.FOLLOW, (vp, va) -> {
            if ((mode & Fcntl.W_OK) != 0 && vp.mount.readOnly) {
                return Errno.EROFS.negated();
            }
            return Access.check(va, Access.vmodeOf(mode), as);
        });
    }

    public int readlinkat(int dirfd, byte[] path, byte[] buf) {
        if (buf == null || buf.length == 0) {
            return Errno.EINVAL.negated();
        }
        return withNode(dirfd, path, 0, (vp, va) -> {
            if (vp.type != VType.VLNK) {
                return Errno.EINVAL.negated();
            }
            vfs.vnodes.lockShared(vp);
            try {
                vfs.host.charge(Costs.VOP);
                byte[] target = vp.node.readlink();
                int n = Math.min(target.length, buf.length);
                System.arraycopy(target, 0, buf, 0, n);
                vfs.host.copy(n);
                return n;
            } catch (FsException e) {
                return e.errno().negated();
            } finally {
                vfs.vnodes.unlock(vp);
            }
        });
    }

    // ---- directories ----

    public int chdir(byte[] path) {
        Nameidata[] nd = new Nameidata[1];
        // kern_chdir: NLC_SHAREDLOCK
        int error = namei(nd, Fcntl.AT_FDCWD, path, Nameidata.FOLLOW | Nameidata.SHAREDLOCK);
        if (error != 0) {
            return error;
        }
        try {
            return changeDir(nd[0].ncp);
        } finally {
            vfs.lookup.done(nd[0]);
        }
    }

    public int fchdir(int fd) {
        OpenFile f = fget(fd);
        if (!(f instanceof VnodeFile vf)) {
            return f == null ? Errno.EBADF.negated() : Errno.ENOTDIR.negated();
        }
        return changeDir(vf.nch);
    }

    private int changeDir(Ncp ncp) {
        Vnode vp = ncp.vp;
        if (vp == null) {
            return Errno.ENOENT.negated();
        }
        if (vp.type != VType.VDIR) {
            return Errno.ENOTDIR.negated();
        }
        int error = access(getattr(vp), Access.VEXEC);
        if (error != 0) {
            return error;
        }
        setCwd(ncp);
        return 0;
    }

    public int getcwd(byte[] buf) {
        if (cwd.destroyed()) {
            return Errno.ENOENT.negated();
        }
        byte[] p = vfs.path(cwd).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (buf == null || p.length + 1 > buf.length) {
            return Errno.ERANGE.negated();
        }
        System.arraycopy(p, 0, buf, 0, p.length);
        buf[p.length] = 0;
        return p.length + 1;
    }

    public int umask(int mask) {
        int old = cmask;
        cmask = mask & 0777;
        return old;
    }

    // ---- helpers ----

    /** What a path call does with the node it names, given its attributes. */
    interface NodeOp {
        int apply(Vnode vp, Vattr va);
    }

    /** Looks {@code path} up, runs {@code op} on what it names, unlocks. */
    final int withNode(int dirfd, byte[] path, int nlc, NodeOp op) {
        Nameidata[] nd = new Nameidata[1];
        int error = namei(nd, dirfd, path, nlc);
        if (error != 0) {
            return error;
        }
        try {
            Vnode vp = nd[0].ncp.vp;
            vfs.vnodes.vref(vp);
            try {
                return op.apply(vp, getattr(vp));
            } finally {
                vfs.vnodes.vrele(vp);
            }
        } finally {
            vfs.lookup.done(nd[0]);
        }
    }

    /** What a create call does with the negative entry and its directory's attributes. */
    interface CreateOp {
        int apply(Ncp ncp, Vattr dirAttrs);
    }

    /** Looks up a name to create: EEXIST if it exists, else checks the directory and runs {@code op}. */
    final int makeNode(int dirfd, byte[] path, int extraFlags, CreateOp op) {
        Nameidata[] nd = new Nameidata[1];
        int error = namei(nd, dirfd, path, Nameidata.CREATE | extraFlags);
        if (error != 0) {
            return error;
        }
        Ncp ncp = nd[0].ncp;
        try {
            if (!ncp.negative()) {
                return Errno.EEXIST.negated();
            }
            if (nd[0].trailingSlash && (extraFlags & Nameidata.WILLBEDIR) == 0) {
                return Errno.ENOENT.negated();
            }
            Vattr dva = getattr(ncp.parent().vp);
            error = checkCreate(ncp, dva);
            return error != 0 ? error : op.apply(ncp, dva);
        } finally {
            vfs.lookup.done(nd[0]);
        }
    }

    /** A namecache VOP that creates a node: holds the directory's vnode lock, makes the entry positive. */
    interface DirCreate {
        FsNode run(FsNode dir);
    }

    final int create(Ncp ncp, DirCreate op) {
        Vnode dvp = ncp.parent().vp;
        FsNode node;
        vfs.vnodes.lockExclusive(dvp);
        try {
            vfs.host.charge(Costs.VOP);
            node = op.run(dvp.node);
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vfs.vnodes.unlock(dvp);
        }
        Vnode vp = vfs.vnodes.vget(dvp.mount, node);
        vfs.cache.setUnresolved(ncp);
        vfs.cache.setvp(ncp, vp);
        vfs.vnodes.vrele(vp);
        return 0;
    }

    /** {@code naccess(VCREATE)}: write permission on the directory, a writable mount. */
    private int checkCreate(Ncp ncp, Vattr dirAttrs) {
        if (ncp.parent() == null || ncp.parent().vp == null || ncp.parent().destroyed()) {
            return Errno.ENOENT.negated();
        }
        if (ncp.mount.readOnly) {
            return Errno.EROFS.negated();
        }
        return access(dirAttrs, Access.VWRITE | Access.VEXEC);
    }

    /** {@code naccess(VDELETE)}: write permission on the directory and the sticky rule, a writable mount. */
    private int checkDelete(Vnode dvp, Vnode vp) {
        if (dvp.mount.readOnly) {
            return Errno.EROFS.negated();
        }
        Vattr dva = getattr(dvp);
        int error = access(dva, Access.VWRITE | Access.VEXEC);
        return error != 0 ? error : Access.sticky(dva, getattr(vp), cred);
    }

    /** The group of a new node: the directory's under a set-gid directory, else the effective gid. */
    final int newGid(Vattr dirAttrs) {
        return (dirAttrs.mode() & Fcntl.S_ISGID) != 0 ? dirAttrs.gid() : cred.egid();
    }

    final Vattr getattr(Vnode vp) {
        return vfs.lookup.getattr(vp);
    }

    final int setattr(Vnode vp, VattrChange change) {
        if (vp.mount.readOnly) {
            return Errno.EROFS.negated();
        }
        vfs.vnodes.lockExclusive(vp);
        try {
            vfs.host.charge(Costs.VOP);
            vp.wxok = false;
            vp.node.setattr(change);
            VnodeFile.sizeChanged(vp, change);
            return 0;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vfs.vnodes.unlock(vp);
        }
    }
}
