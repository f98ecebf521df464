package org.odonata.vfs.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.odonata.api.fs.DirRecord;
import org.odonata.api.fs.FsException;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.fs.VattrChange;
import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.api.vm.VnodeObject;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.host.Counters;
import org.odonata.vfs.host.Host;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.namecache.Ncp;
import org.odonata.vfs.vnode.Vnode;
import org.odonata.vfs.vnode.VnodeTable;

/**
 * An open vnode ({@code vnops}, {@code sys/kern/vfs_vnops.c}): reads under a shared vnode lock, writes and
 * truncations under an exclusive one ({@code vn_read}, {@code vn_write}: an O_APPEND write goes to the end of the
 * file found under the lock, and — as on Linux — so does a {@code pwrite} on an O_APPEND file), {@code getdents}
 * with {@code .} and {@code ..} first and the filesystem's cookies after them in the offset, and {@code vn_close}
 * releasing the reference. Cost: {@link Costs#VOP} per operation plus the copy, one cycle per 8 bytes.
 */
public final class VnodeFile extends OpenFile {

    /** Offsets 0 and 1 of a directory are {@code .} and {@code ..}; a filesystem cookie c is offset c + 2. */
    private static final long FIRST_COOKIE = 2;
    private static final int READDIR_BATCH = 64;

    private final Host host;
    private final VnodeTable vnodes;
    private final Counters counters;
    public final Vnode vp;
    /** The name it was opened by ({@code f_nchandle}): where {@code fchdir} and {@code *at} calls start. */
    public final Ncp nch;

    /** Opened without privilege ({@code f_cred} not root): its writes clear the set-id bits. */
    private final boolean unprivileged;

    public VnodeFile(Host host, VnodeTable vnodes, Counters counters, Vnode vp, Ncp nch, int flags,
            boolean unprivileged) {
        super(flags);
        this.host = host;
        this.vnodes = vnodes;
        this.counters = counters;
        this.vp = vp;
        this.nch = nch;
        this.unprivileged = unprivileged;
    }

    @Override
    public int read(byte[] buf, int off, int len, long pos) {
        if (!readable() || (flags & Fcntl.O_PATH) != 0) {
            return Errno.EBADF.negated();
        }
        if (vp.type == VType.VDIR) {
            return Errno.EISDIR.negated();
        }
        if (pos < -1) {
            return Errno.EINVAL.negated();
        }
        vnodes.lockShared(vp);
        try {
            host.charge(Costs.VOP);
            long at = pos >= 0 ? pos : offset;
            int n = vp.node.read(at, buf, off, len);
            VnodeObject obj = vp.object();
            if (obj != null && n > 0) {
                // VMIO: the file's resident pages are the data read(2) returns (stores through a mapping included)
                obj.read(at, buf, off, n);
            }
            if (pos < 0) {
                offset += n;
            }
            host.copy(n);
            counters.bytesRead += n;
            return n;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vnodes.unlock(vp);
        }
    }

    @Override
    public int write(byte[] buf, int off, int len, long pos) {
        if (!writable() || (flags & Fcntl.O_PATH) != 0) {
            return Errno.EBADF.negated();
        }
        if (pos < -1) {
            return Errno.EINVAL.negated();
        }
        vnodes.lockExclusive(vp);
        try {
            host.charge(Costs.VOP);
            long at = (flags & Fcntl.O_APPEND) != 0 ? vp.node.getattr().size() : pos >= 0 ? pos : offset;
            host.copy(len);
            int n = len == 0 ? 0 : vp.node.write(at, buf, off, len);
            VnodeObject obj = vp.object();
            if (obj != null && n > 0) {
                // VMIO: the write lands in the file's resident pages, which every MAP_SHARED mapping sees
                obj.written(at, buf, off, n);
            }
            if (pos < 0) {
                offset = at + n;
            }
            counters.bytesWritten += n;
            if (n > 0 && unprivileged) {
                killSetIds();
            }
            return n;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vnodes.unlock(vp);
        }
    }

    /**
     * A write without privilege clears set-uid, and set-gid when group-execute is set (Linux's
     * {@code should_remove_suid}; DragonFly's {@code hammer_vop_write} and {@code ufs_write} clear both always).
     */
    private void killSetIds() throws FsException {
        int mode = vp.node.getattr().mode();
        int kill = mode & Fcntl.S_ISUID;
        if ((mode & (Fcntl.S_ISGID | 0010)) == (Fcntl.S_ISGID | 0010)) {
            kill |= Fcntl.S_ISGID;
        }
        if (kill != 0) {
            vp.node.setattr(VattrChange.mode(mode & ~kill & Fcntl.ALLPERMS));
        }
    }

    /** {@code closef}: the process's record locks on the file go with any of its descriptors of it. */
    @Override
    public void closedBy(Object owner) {
        if (vp.lockf != null) {
            vp.lockf.release(owner);
        }
    }

    @Override
    public SysResult<FileStat> stat() {
        vnodes.lockShared(vp);
        try {
            host.charge(Costs.VOP);
            return SysResult.ok(fileStat(vp.mount, vp.node.getattr()));
        } finally {
            vnodes.unlock(vp);
        }
    }

    @Override
    public long seek(long off, int whence) {
        long base;
        switch (whence) {
            case Fcntl.SEEK_SET -> base = 0;
            case Fcntl.SEEK_CUR -> base = offset;
            case Fcntl.SEEK_END -> {
                if (vp.type == VType.VDIR) {
                    return Errno.EINVAL.negated();
                }
                vnodes.lockShared(vp);
                try {
                    base = vp.node.getattr().size();
                } finally {
                    vnodes.unlock(vp);
                }
            }
            default -> {
                return Errno.EINVAL.negated();
            }
        }
        long to = base + off;
        if (to < 0) {
            return Errno.EINVAL.negated();
        }
        offset = to;
        return to;
    }

    @Override
    public int truncate(long length) {
        if (!writable() || vp.type != VType.VREG) {
            return Errno.EINVAL.negated();
        }
        return setattr(VattrChange.size(length));
    }

    /** {@code VOP_SETATTR} under the exclusive vnode lock; 0 or a negative errno. */
    public int setattr(VattrChange change) {
        if (vp.mount.readOnly) {
            return Errno.EROFS.negated();
        }
        vnodes.lockExclusive(vp);
        try {
            host.charge(Costs.VOP);
            vp.wxok = false;
            vp.node.setattr(change);
            sizeChanged(vp, change);
            return 0;
        } catch (FsException e) {
            return e.errno().negated();
        } finally {
            vnodes.unlock(vp);
        }
    }

    /** {@code vnode_pager_setsize} after a {@code VOP_SETATTR} that changed the size of a mapped file. */
    public static void sizeChanged(Vnode vp, VattrChange change) {
        VnodeObject obj = vp.object();
        if (obj != null && change.size() != null) {
            obj.setSize(change.size());
        }
    }

    @Override
    public int fsync(boolean dataOnly) {
        VnodeObject obj = vp.object();
        if (obj != null) {
            // kern_fsync: vm_object_page_clean first, so stores through shared mappings are synced too
            int e = obj.clean(false);
            if (e < 0) {
                return e;
            }
        }
        return vnodes.fsync(vp, dataOnly);
    }

    /**
     * {@code vn_ioctl}: the request goes to the node ({@code VOP_IOCTL}) without the vnode lock, as DragonFly's
     * vn_ioctl calls it, so a request that sleeps (HAMMERIOC_WAI_PSEUDOFS) holds up no lookup in the directory.
     */
    @Override
    public SysResult<Map<String, String>> ioctl(String request, Map<String, String> args) {
        host.charge(Costs.VOP);
        try {
            return SysResult.ok(vp.node.ioctl(request, args));
        } catch (FsException e) {
            return SysResult.failed(e.errno());
        }
    }

    @Override
    public SysResult<List<DirEntry>> getdents(int bufferBytes) {
        if (vp.type != VType.VDIR) {
            return SysResult.failed(Errno.ENOTDIR);
        }
        if ((flags & Fcntl.O_PATH) != 0) {
            return SysResult.failed(Errno.EBADF);
        }
        List<DirEntry> out = new ArrayList<>();
        int used = 0;
        vnodes.lockShared(vp);
        try {
            host.charge(Costs.VOP);
            while (offset < FIRST_COOKIE) {
                FsNode node = offset == 0 ? vp.node : vp.node.nlookupdotdot();
                DirEntry e = new DirEntry(node.ino(), DirEntry.DT_DIR, offset == 0 ? DOT : DOTDOT);
                if (used + e.recordLength() > bufferBytes) {
                    return out.isEmpty() ? SysResult.failed(Errno.EINVAL) : SysResult.ok(out);
                }
                out.add(e);
                used += e.recordLength();
                offset++;
            }
            while (true) {
                List<DirRecord> batch = vp.node.readdir(offset - FIRST_COOKIE, READDIR_BATCH);
                if (batch.isEmpty()) {
                    return SysResult.ok(out);
                }
                for (DirRecord r : batch) {
                    DirEntry e = new DirEntry(r.ino(), r.type().dtype(), r.name());
                    if (used + e.recordLength() > bufferBytes) {
                        return out.isEmpty() ? SysResult.failed(Errno.EINVAL) : SysResult.ok(out);
                    }
                    out.add(e);
                    used += e.recordLength();
                    offset = r.nextCookie() + FIRST_COOKIE;
                }
                host.copy(used);
            }
        } catch (FsException e) {
            return SysResult.failed(e.errno());
        } finally {
            vnodes.unlock(vp);
        }
    }

    @Override
    public void close() {
        vnodes.vrele(vp);
    }

    private static final byte[] DOT = {'.'};
    private static final byte[] DOTDOT = {'.', '.'};

    /** {@code struct stat} from a vnode's attributes ({@code vn_stat}). */
    public static FileStat fileStat(Mount mp, Vattr va) {
        return new FileStat(mp.dev(), va.ino(), va.type().ifmt() | (va.mode() & Fcntl.ALLPERMS), va.nlink(),
                va.uid(), va.gid(), va.rdev(), va.size(), 4096, (va.bytes() + 511) / 512, va.atime(), va.mtime(),
                va.ctime());
    }
}
