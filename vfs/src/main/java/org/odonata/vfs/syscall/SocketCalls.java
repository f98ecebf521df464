package org.odonata.vfs.syscall;

import org.odonata.api.fs.NewNode;
import org.odonata.api.fs.VType;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.file.FdTable;
import org.odonata.vfs.file.OpenFile;
import org.odonata.vfs.file.SocketFile;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.namecache.Ncp;

/**
 * The UNIX-domain socket calls, as far as they touch the namespace ({@code sys/kern/uipc_syscalls.c},
 * {@code uipc_usrreq.c}): {@code socket} makes an unbound socket, {@code bind} makes its socket file with
 * {@code nlookup} and {@code VOP_NCREATE} of a {@code VSOCK} node as {@code unp_bind} does. Opening a socket file is
 * refused in {@code openat} (ENXIO, Linux's answer; DragonFly's {@code vn_open} says EOPNOTSUPP), and it is unlinked,
 * renamed, linked and chmod-ed as any other node.
 */
abstract class SocketCalls extends MountCalls {

    private long nextSocketIno = 1;

    SocketCalls(VfsCore vfs, int pid, FdTable fds, Ncp cwd, Ncp root, int cmask, Ucred cred) {
        super(vfs, pid, fds, cwd, root, cmask, cred);
    }

    public int socket(int domain, int type, int protocol) {
        if (domain != Fcntl.AF_UNIX) {
            return Errno.EAFNOSUPPORT.negated();
        }
        int kind = type & ~(Fcntl.SOCK_NONBLOCK | Fcntl.SOCK_CLOEXEC);
        if (kind != Fcntl.SOCK_STREAM && kind != Fcntl.SOCK_DGRAM && kind != Fcntl.SOCK_SEQPACKET) {
            return Errno.EINVAL.negated();
        }
        if (protocol != 0 && protocol != Fcntl.AF_UNIX) {
            return Errno.EPROTONOSUPPORT.negated();
        }
        vfs.host.charge(Costs.FALLOC);
        // socket inode numbers apart from pipes' (which count from pid << 32 | 1)
        SocketFile so = new SocketFile(vfs.vnodes, kind, type & Fcntl.SOCK_NONBLOCK,
                ((long) pid << 32) | (1L << 31) | nextSocketIno++);
        int fd = fds.alloc(so, (type & Fcntl.SOCK_CLOEXEC) != 0, 0);
        if (fd < 0) {
            so.close();
        }
        return fd;
    }

    /** {@code unp_bind}: EINVAL when bound already, EADDRINUSE when the name exists (Linux maps mknod's EEXIST so). */
    public int bind(int fd, byte[] path) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        if (!(f instanceof SocketFile so)) {
            return Errno.ENOTSOCK.negated();
        }
        if (path == null || path.length >= Fcntl.SUN_PATH_MAX || so.vnode() != null) {
            return Errno.EINVAL.negated();
        }
        int error = makeNode(Fcntl.AT_FDCWD, path, 0, (ncp, dva) -> {
            NewNode attrs = new NewNode(VType.VSOCK, 0777 & ~cmask, cred.euid(), newGid(dva), 0);
            int e = create(ncp, dir -> dir.ncreate(ncp.name(), attrs));
            if (e == 0) {
                so.bound(ncp.vp);
            }
            return e;
        });
        return error == Errno.EEXIST.negated() ? Errno.EADDRINUSE.negated() : error;
    }
}
