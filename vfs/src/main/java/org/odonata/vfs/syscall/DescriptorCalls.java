package org.odonata.vfs.syscall;

import java.util.List;
import java.util.Map;

import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.file.FdTable;
import org.odonata.vfs.file.OpenFile;
import org.odonata.vfs.file.PipeFile;
import org.odonata.vfs.file.VnodeFile;
import org.odonata.vfs.namecache.Ncp;

/**
 * The descriptor calls ({@code sys/kern/kern_descrip.c}, {@code sys_generic.c}, {@code sys_pipe.c}): reading and
 * writing through open files, seeking, duplicating, {@code fcntl}, {@code fstat}, {@code ftruncate}, {@code fsync},
 * {@code getdents} and {@code copy_file_range}.
 */
abstract class DescriptorCalls extends ProcState {

    /** {@code copy_file_range} moves data in kernel buffers of this size. */
    private static final int COPY_CHUNK = 64 * 1024;
    private long nextPipeIno = 1;

    DescriptorCalls(VfsCore vfs, int pid, FdTable fds, Ncp cwd, Ncp root, int cmask, Ucred cred) {
        super(vfs, pid, fds, cwd, root, cmask, cred);
    }

    public int[] pipe() {
        SysResult<int[]> r = pipe2(0);
        return r.ok() ? r.value() : null;
    }

    public SysResult<int[]> pipe2(int flags) {
        if ((flags & ~(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK)) != 0) {
            return SysResult.failed(Errno.EINVAL);
        }
        PipeFile[] ends = PipeFile.create(vfs.kernel(), ((long) pid << 32) | nextPipeIno++);
        boolean cloexec = (flags & Fcntl.O_CLOEXEC) != 0;
        for (PipeFile e : ends) {
            e.flags |= flags & Fcntl.O_NONBLOCK;
        }
        int r = fds.alloc(ends[0], cloexec, 0);
        if (r < 0) {
            ends[0].close();
            ends[1].close();
            return SysResult.failed(Errno.EMFILE);
        }
        int w = fds.alloc(ends[1], cloexec, 0);
        if (w < 0) {
            fds.close(r);
            ends[1].close();
            return SysResult.failed(Errno.EMFILE);
        }
        return SysResult.ok(new int[] {r, w});
    }

    /**
     * The user buffer of a transfer, as {@code uiomove}'s {@code copyin}/{@code copyout} find it: a negative length
     * is EINVAL ({@code sys_read}); a buffer that is absent or does not hold {@code off..off+len} is an address
     * outside the process's memory, EFAULT. Simplification: simulated programs pass Java arrays, not addresses.
     */
    static int userBuffer(byte[] buf, int off, int len) {
        if (len < 0) {
            return Errno.EINVAL.negated();
        }
        if (len > 0 && (buf == null || off < 0 || off > buf.length - len)) {
            return Errno.EFAULT.negated();
        }
        return 0;
    }

    /** {@link #userBuffer} of each element of an iovec array (an absent array is EFAULT). */
    static int userBuffers(byte[][] iov) {
        if (iov == null) {
            return Errno.EFAULT.negated();
        }
        for (byte[] b : iov) {
            if (b == null) {
                return Errno.EFAULT.negated();
            }
        }
        return 0;
    }

    public int read(int fd, byte[] buf, int off, int len) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        int error = userBuffer(buf, off, len);
        return error != 0 ? error : f.read(buf, off, len, -1);
    }

    public int write(int fd, byte[] buf, int off, int len) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        int error = userBuffer(buf, off, len);
        return error != 0 ? error : f.write(buf, off, len, -1);
    }

    public int pread(int fd, byte[] buf, int off, int len, long offset) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        int error = offset < 0 ? Errno.EINVAL.negated() : userBuffer(buf, off, len);
        return error != 0 ? error : f.read(buf, off, len, offset);
    }

    public int pwrite(int fd, byte[] buf, int off, int len, long offset) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        int error = offset < 0 ? Errno.EINVAL.negated() : userBuffer(buf, off, len);
        return error != 0 ? error : f.write(buf, off, len, offset);
    }

    public long readv(int fd, byte[][] iov) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        int error = userBuffers(iov);
        if (error != 0) {
            return error;
        }
        long total = 0;
        for (byte[] b : iov) {
            int n = f.read(b, 0, b.length, -1);
            if (n < 0) {
                return total > 0 ? total : n;
            }
            total += n;
            if (n < b.length) {
                break;
            }
        }
        return total;
    }

    public long writev(int fd, byte[][] iov) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        int error = userBuffers(iov);
        if (error != 0) {
            return error;
        }
        long total = 0;
        for (byte[] b : iov) {
            int n = f.write(b, 0, b.length, -1);
            if (n < 0) {
                return total > 0 ? total : n;
            }
            total += n;
            if (n < b.length) {
                break;
            }
        }
        return total;
    }

    public long lseek(int fd, long offset, int whence) {
        OpenFile f = fget(fd);
        return f == null ? Errno.EBADF.negated() : f.seek(offset, whence);
    }

    public int close(int fd) {
        fget(fd);
        return fds.close(fd);
    }

    public int dup(int fd) {
        return dupTo(fd, 0, false);
    }

    public int dup2(int oldfd, int newfd) {
        OpenFile f = fget(oldfd);
        if (f == null || newfd < 0 || newfd >= FdTable.NOFILE) {
            return Errno.EBADF.negated();
        }
        if (oldfd == newfd) {
            return newfd;
        }
        f.count++;
        fds.install(newfd, f, false);
        return newfd;
    }

    public int dup3(int oldfd, int newfd, int flags) {
        if (oldfd == newfd || (flags & ~Fcntl.O_CLOEXEC) != 0) {
            return Errno.EINVAL.negated();
        }
        OpenFile f = fget(oldfd);
        if (f == null || newfd < 0 || newfd >= FdTable.NOFILE) {
            return Errno.EBADF.negated();
        }
        f.count++;
        fds.install(newfd, f, (flags & Fcntl.O_CLOEXEC) != 0);
        return newfd;
    }

    public int fcntl(int fd, int cmd, long arg) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        return switch (cmd) {
            case Fcntl.F_DUPFD -> dupTo(fd, arg, false);
            case Fcntl.F_DUPFD_CLOEXEC -> dupTo(fd, arg, true);
            case Fcntl.F_GETFD -> fds.cloexec(fd) ? Fcntl.FD_CLOEXEC : 0;
            case Fcntl.F_SETFD -> {
                fds.setCloexec(fd, (arg & Fcntl.FD_CLOEXEC) != 0);
                yield 0;
            }
            case Fcntl.F_GETFL -> f.flags & ~Fcntl.O_CLOEXEC;
            case Fcntl.F_SETFL -> {
                int settable = Fcntl.O_APPEND | Fcntl.O_NONBLOCK | Fcntl.O_DIRECT | Fcntl.O_NOATIME;
                f.flags = (f.flags & ~settable) | ((int) arg & settable);
                yield 0;
            }
            default -> Errno.EINVAL.negated();
        };
    }

    public SysResult<FileStat> fstat(int fd) {
        OpenFile f = fget(fd);
        return f == null ? SysResult.failed(Errno.EBADF) : f.stat();
    }

    public int ftruncate(int fd, long length) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        if (length < 0) {
            return Errno.EINVAL.negated();
        }
        return f.truncate(length);
    }

    public SysResult<Map<String, String>> ioctl(int fd, String request, Map<String, String> args) {
        OpenFile f = fget(fd);
        return f == null ? SysResult.failed(Errno.EBADF) : f.ioctl(request, args);
    }

    public int fsync(int fd) {
        OpenFile f = fget(fd);
        return f == null ? Errno.EBADF.negated() : f.fsync(false);
    }

    public int fdatasync(int fd) {
        OpenFile f = fget(fd);
        return f == null ? Errno.EBADF.negated() : f.fsync(true);
    }

    public SysResult<List<DirEntry>> getdents(int fd, int bufferBytes) {
        OpenFile f = fget(fd);
        return f == null ? SysResult.failed(Errno.EBADF) : f.getdents(bufferBytes);
    }

    public long copyFileRange(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) {
        OpenFile in = fget(fdIn);
        OpenFile out = fget(fdOut);
        if (in == null || out == null || !in.readable() || !out.writable()) {
            return Errno.EBADF.negated();
        }
        if (flags != 0 || offIn < -1 || offOut < -1 || len < 0) {
            return Errno.EINVAL.negated();
        }
        if (!(in instanceof VnodeFile vin) || !(out instanceof VnodeFile vout)) {
            return Errno.EINVAL.negated();
        }
        if (vin.vp.isDir() || vout.vp.isDir()) {
            return Errno.EISDIR.negated();
        }
        if ((out.flags & Fcntl.O_APPEND) != 0) {
            return Errno.EBADF.negated();
        }
        byte[] buf = new byte[(int) Math.min(COPY_CHUNK, Math.max(1, len))];
        long copied = 0;
        long rpos = offIn;
        long wpos = offOut;
        while (copied < len) {
            int want = (int) Math.min(buf.length, len - copied);
            int n = in.read(buf, 0, want, rpos);
            if (n < 0) {
                return copied > 0 ? copied : n;
            }
            if (n == 0) {
                break;
            }
            int w = out.write(buf, 0, n, wpos);
            if (w < 0) {
                return copied > 0 ? copied : w;
            }
            copied += w;
            if (rpos >= 0) {
                rpos += w;
            }
            if (wpos >= 0) {
                wpos += w;
            }
            if (w < n) {
                break;
            }
        }
        return copied;
    }

    private int dupTo(int fd, long min, boolean cloexec) {
        OpenFile f = fget(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        if (min < 0 || min >= FdTable.NOFILE) {
            return Errno.EINVAL.negated();
        }
        int nfd = fds.alloc(f, cloexec, (int) min);
        if (nfd >= 0) {
            f.count++;
        }
        return nfd;
    }
}
