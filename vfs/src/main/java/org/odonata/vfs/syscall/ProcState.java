package org.odonata.vfs.syscall;

import org.odonata.api.fs.Vattr;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.file.FdTable;
import org.odonata.vfs.file.OpenFile;
import org.odonata.vfs.file.VnodeFile;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.namecache.Nameidata;
import org.odonata.vfs.namecache.Ncp;

/**
 * A process's file state ({@code struct filedesc} and {@code p_ucred}): descriptor table, current and root
 * directories ({@code fd_ncdir}, {@code fd_nrdir}, which hold their vnodes), umask and credentials; and the helpers
 * every call uses to find a descriptor's file ({@code holdfp}) and to start and run a lookup.
 */
abstract class ProcState {

    final VfsCore vfs;
    final int pid;
    FdTable fds;
    Ncp cwd;
    /** The vnode the current directory holds a reference on (it outlives the entry if that is removed). */
    private org.odonata.vfs.vnode.Vnode cwdVp;
    Ncp root;
    int cmask = 022;
    Ucred cred;

    ProcState(VfsCore vfs, int pid, FdTable fds, Ncp cwd, Ncp root, int cmask, Ucred cred) {
        this.vfs = vfs;
        this.pid = pid;
        this.fds = fds;
        this.root = root;
        this.cmask = cmask;
        this.cred = cred;
        setCwd(cwd);
    }

    /** {@code holdfp}: the open file of {@code fd}, or null (the caller answers EBADF). */
    final OpenFile fget(int fd) {
        vfs.host.charge(Costs.FGET);
        return fds.get(fd);
    }

    /** Where a path relative to {@code dirfd} starts; sets {@code error[0]} to EBADF or ENOTDIR when it cannot. */
    final Ncp startDir(int dirfd, byte[] path, int[] error) {
        if (dirfd == Fcntl.AT_FDCWD || (path != null && path.length > 0 && path[0] == '/')) {
            return cwd;
        }
        OpenFile f = fget(dirfd);
        if (f == null) {
            error[0] = Errno.EBADF.negated();
            return null;
        }
        if (!(f instanceof VnodeFile vf) || !vf.vp.isDir()) {
            error[0] = Errno.ENOTDIR.negated();
            return null;
        }
        return vf.nch;
    }

    /** Runs a lookup of {@code path} from {@code dirfd}; 0 with {@code nd.ncp} locked, or a negative errno. */
    final int namei(Nameidata[] out, int dirfd, byte[] path, int flags) {
        int[] err = {0};
        Ncp start = startDir(dirfd, path, err);
        if (start == null) {
            return err[0];
        }
        Nameidata nd = new Nameidata(path, start, root, cred, flags);
        out[0] = nd;
        return vfs.lookup.nlookup(nd);
    }

    /** {@code naccess_va} for the calling process. */
    final int access(Vattr va, int vmode) {
        return org.odonata.vfs.access.Access.check(va, vmode, cred);
    }

    /** Makes {@code dir} the current directory, referencing its vnode and releasing the previous one. */
    final void setCwd(Ncp dir) {
        org.odonata.vfs.vnode.Vnode old = cwdVp;
        cwdVp = dir == null ? null : dir.vp;
        if (cwdVp != null) {
            vfs.vnodes.vref(cwdVp);
        }
        cwd = dir;
        if (old != null) {
            vfs.vnodes.vrele(old);
        }
    }
}
