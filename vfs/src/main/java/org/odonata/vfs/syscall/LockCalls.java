package org.odonata.vfs.syscall;

import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.Flock;
import org.odonata.api.vfs.SysResult;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.file.FdTable;
import org.odonata.vfs.file.OpenFile;
import org.odonata.vfs.file.VnodeFile;
import org.odonata.vfs.host.Costs;
import org.odonata.vfs.namecache.Ncp;
import org.odonata.vfs.vnode.Lockf;

/**
 * {@code fcntl(2)}'s record locks ({@code kern_fcntl} → {@code VOP_ADVLOCK} → {@code lf_advlock} in
 * {@code sys/kern/kern_lockf.c}): the request's range made absolute from its whence, checked against the descriptor's
 * access mode, and taken, released or tested on the file's {@link Lockf} with the process (its descriptor table) as
 * the owner. Simplification: only files have locks (a pipe or socket answers EINVAL).
 */
abstract class LockCalls extends SocketCalls {

    LockCalls(VfsCore vfs, int pid, FdTable fds, Ncp cwd, Ncp root, int cmask, Ucred cred) {
        super(vfs, pid, fds, cwd, root, cmask, cred);
    }

    public SysResult<Flock> fcntlLock(int fd, int cmd, Flock lock) {
        OpenFile f = fget(fd);
        if (f == null) {
            return SysResult.failed(Errno.EBADF);
        }
        if (cmd != Fcntl.F_GETLK && cmd != Fcntl.F_SETLK && cmd != Fcntl.F_SETLKW || lock == null
                || !(f instanceof VnodeFile vf)) {
            return SysResult.failed(Errno.EINVAL);
        }
        int type = lock.type();
        if (type != Fcntl.F_RDLCK && type != Fcntl.F_WRLCK && (type != Fcntl.F_UNLCK || cmd == Fcntl.F_GETLK)) {
            return SysResult.failed(Errno.EINVAL);
        }
        if (cmd != Fcntl.F_GETLK && (type == Fcntl.F_RDLCK && !f.readable() || type == Fcntl.F_WRLCK && !f.writable())) {
            return SysResult.failed(Errno.EBADF);
        }
        long base = switch (lock.whence()) {
            case Fcntl.SEEK_SET -> 0;
            case Fcntl.SEEK_CUR -> f.offset;
            case Fcntl.SEEK_END -> getattr(vf.vp).size();
            default -> -1;
        };
        if (base < 0) {
            return SysResult.failed(Errno.EINVAL);
        }
        long start = base + lock.start();
        long end;
        if (lock.len() < 0) {
            end = start - 1;
            start += lock.len();
        } else if (lock.len() == 0) {
            end = Long.MAX_VALUE;
        } else {
            end = start + lock.len() - 1;
            if (end < start) {
                return SysResult.failed(Errno.EOVERFLOW);
            }
        }
        if (start < 0) {
            return SysResult.failed(Errno.EINVAL);
        }
        vfs.host.charge(Costs.VOP);
        Lockf lf = vf.vp.lockf;
        if (lf == null) {
            if (cmd == Fcntl.F_GETLK || type == Fcntl.F_UNLCK) {
                return SysResult.ok(cmd == Fcntl.F_GETLK ? unlocked(lock) : lock);
            }
            lf = new Lockf(vfs.kernel());
            vf.vp.lockf = lf;
        }
        if (cmd == Fcntl.F_GETLK) {
            Lockf.Range c = lf.conflict(fds, type, start, end);
            return SysResult.ok(c == null ? unlocked(lock) : new Flock(c.type(), Fcntl.SEEK_SET, c.start(),
                    c.end() == Long.MAX_VALUE ? 0 : c.end() - c.start() + 1, c.pid()));
        }
        int error = lf.set(fds, pid, type, start, end, cmd == Fcntl.F_SETLKW);
        return error != 0 ? SysResult.failed(Errno.ofResult(error)) : SysResult.ok(lock);
    }

    /** F_GETLK's answer when nothing conflicts: the request with type F_UNLCK. */
    private static Flock unlocked(Flock lock) {
        return new Flock(Fcntl.F_UNLCK, lock.whence(), lock.start(), lock.len(), lock.pid());
    }
}
