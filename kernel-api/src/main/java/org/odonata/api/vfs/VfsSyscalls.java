package org.odonata.api.vfs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The system calls the VFS serves for a process: descriptors (files and pipes in one table), paths, directories,
 * mounts, and the credentials permission checks use. Semantics are POSIX with Linux's choices where DragonFly and
 * Linux differ (the oracle is a Linux host's strace): results are ≥ 0 on success and a negative {@link Errno} value
 * on failure. Paths are byte strings: a NUL inside one is EINVAL, a component longer than
 * {@link Fcntl#NAME_MAX} ENAMETOOLONG, an empty path ENOENT, a null one EFAULT (a NULL pointer), more than {@link Fcntl#MAXSYMLINKS} symbolic links
 * in one lookup ELOOP. A relative path starts at {@code dirfd} ({@link Fcntl#AT_FDCWD}: the current directory).
 * Permission checks use the effective uid, effective gid and supplementary groups; uid 0 passes them all.
 */
@ProviderType
public interface VfsSyscalls {

    // ---- descriptors ----

    /** {@code openat(2)}; returns the lowest free descriptor. */
    int openat(int dirfd, byte[] path, int flags, int mode);

    /** {@code pipe(2)}: returns {read fd, write fd}, or null when the descriptor table is full. */
    int[] pipe();

    /** {@code pipe2(2)} with {@link Fcntl#O_CLOEXEC} (or 0): {read fd, write fd}. */
    SysResult<int[]> pipe2(int flags);

    /**
     * {@code read(2)}: a file from its offset; a pipe blocks until at least one byte is available or every write
     * end is closed (then returns 0).
     */
    int read(int fd, byte[] buf, int off, int len);

    /** {@code write(2)}: a file at its offset (at its end with O_APPEND); a pipe blocks until all is written. */
    int write(int fd, byte[] buf, int off, int len);

    int pread(int fd, byte[] buf, int off, int len, long offset);

    int pwrite(int fd, byte[] buf, int off, int len, long offset);

    /** {@code readv(2)}: fills the buffers in order; returns the bytes read. */
    long readv(int fd, byte[][] iov);

    /** {@code writev(2)}: writes the buffers in order; returns the bytes written. */
    long writev(int fd, byte[][] iov);

    /** {@code lseek(2)} with {@link Fcntl#SEEK_SET}, {@code SEEK_CUR} or {@code SEEK_END}; returns the new offset. */
    long lseek(int fd, long offset, int whence);

    int close(int fd);

    int dup(int fd);

    int dup2(int oldfd, int newfd);

    /** {@code dup3(2)}: as dup2 with {@link Fcntl#O_CLOEXEC}; {@code oldfd == newfd} is EINVAL. */
    int dup3(int oldfd, int newfd, int flags);

    /** {@code fcntl(2)}: F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL (O_APPEND, O_NONBLOCK). */
    int fcntl(int fd, int cmd, long arg);

    /**
     * {@code fcntl(2)}'s record locks: {@link Fcntl#F_SETLK} takes or releases ({@link Fcntl#F_UNLCK}) a lock on a
     * byte range of the file, EAGAIN if another process holds a conflicting one (a write lock conflicts with any
     * other); {@link Fcntl#F_SETLKW} waits for it instead; {@link Fcntl#F_GETLK} returns a lock that would conflict,
     * or {@code lock} with type F_UNLCK. Locks belong to the process and all its locks on a file go when it closes
     * any descriptor of the file. EBADF for a read lock on a descriptor not open for reading (a write lock: writing).
     */
    SysResult<Flock> fcntlLock(int fd, int cmd, Flock lock);

    /**
     * {@code ioctl(2)} with a filesystem's named request on an open file ({@link org.odonata.api.fs.FsNode#ioctl}):
     * the request's result fields. EBADF for a bad descriptor, ENOTTY for a pipe or a request the file's filesystem
     * does not know, else the filesystem's errno.
     */
    SysResult<Map<String, String>> ioctl(int fd, String request, Map<String, String> args);

    SysResult<FileStat> fstat(int fd);

    /** {@code fstatat(2)}; {@link Fcntl#AT_SYMLINK_NOFOLLOW} stats a symbolic link itself. */
    SysResult<FileStat> fstatat(int dirfd, byte[] path, int flags);

    int ftruncate(int fd, long length);

    int truncate(byte[] path, long length);

    /** {@code fsync(2)}: the file's data and metadata reach stable storage. */
    int fsync(int fd);

    /** {@code fdatasync(2)}: the file's data (and the size) reach stable storage. */
    int fdatasync(int fd);

    /**
     * {@code getdents64(2)}: the next entries of a directory that fit into {@code bufferBytes} bytes of Linux
     * dirent64 records ({@link DirEntry#recordLength()}), including {@code .} and {@code ..}; an empty list at the
     * end; EINVAL if the buffer cannot hold the next entry.
     */
    SysResult<List<DirEntry>> getdents(int fd, int bufferBytes);

    /**
     * {@code copy_file_range(2)}: copies up to {@code len} bytes inside the kernel. An offset of -1 means the
     * descriptor's own offset, which is then advanced; returns the bytes copied (0 at the end of the input).
     */
    long copyFileRange(int fdIn, long offIn, int fdOut, long offOut, long len, int flags);

    // ---- paths ----

    int mkdirat(int dirfd, byte[] path, int mode);

    /** {@code mknodat(2)}: a FIFO ({@link Fcntl#S_IFIFO}), or, for uid 0, a character or block special file. */
    int mknodat(int dirfd, byte[] path, int mode, long dev);

    /** {@code unlinkat(2)}; with {@link Fcntl#AT_REMOVEDIR} removes an empty directory. */
    int unlinkat(int dirfd, byte[] path, int flags);

    int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath);

    /** {@code renameat2(2)} with {@link Fcntl#RENAME_NOREPLACE} (EEXIST if the target exists) or 0. */
    int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags);

    /** {@code linkat(2)}; {@link Fcntl#AT_SYMLINK_FOLLOW} follows a symbolic link given as the old path. */
    int linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags);

    int symlinkat(byte[] target, int newdirfd, byte[] linkpath);

    /** {@code readlinkat(2)}: copies the target into {@code buf} (truncated, no NUL); returns its length. */
    int readlinkat(int dirfd, byte[] path, byte[] buf);

    int fchmod(int fd, int mode);

    int fchmodat(int dirfd, byte[] path, int mode, int flags);

    /** {@code fchown(2)}; -1 leaves the uid or gid unchanged. */
    int fchown(int fd, int uid, int gid);

    int fchownat(int dirfd, byte[] path, int uid, int gid, int flags);

    /**
     * {@code utimensat(2)}: times in nanoseconds since the epoch, or {@link Fcntl#UTIME_NOW} /
     * {@link Fcntl#UTIME_OMIT}; a null path sets the times of {@code dirfd} itself ({@code futimens}).
     */
    int utimensat(int dirfd, byte[] path, long atime, long mtime, int flags);

    /** {@code faccessat(2)} with {@link Fcntl#R_OK}, {@code W_OK}, {@code X_OK} or {@code F_OK}. */
    int faccessat(int dirfd, byte[] path, int mode, int flags);

    int chdir(byte[] path);

    int fchdir(int fd);

    /** {@code getcwd(2)}: copies the current directory's path and a NUL into {@code buf}; returns that length. */
    int getcwd(byte[] buf);

    /** {@code umask(2)}: sets the creation mask; returns the previous one. */
    int umask(int mask);

    // ---- UNIX-domain sockets: their names in the filesystem (no data moves through them in the model) ----

    /**
     * {@code socket(2)} of {@link Fcntl#AF_UNIX} ({@code EAFNOSUPPORT} for another domain) and type
     * {@link Fcntl#SOCK_STREAM}, {@code SOCK_DGRAM} or {@code SOCK_SEQPACKET}, optionally with
     * {@link Fcntl#SOCK_CLOEXEC} and {@link Fcntl#SOCK_NONBLOCK}; returns the lowest free descriptor.
     */
    int socket(int domain, int type, int protocol);

    /**
     * {@code bind(2)} of a UNIX-domain socket to {@code path}: creates a socket file there (type
     * {@link Fcntl#S_IFSOCK}, mode 0777 less the umask) that stays after the socket is closed, until unlinked.
     * EADDRINUSE if the name exists, EINVAL if the socket is bound already, ENOTSOCK for a descriptor that is no
     * socket; opening the file is ENXIO.
     */
    int bind(int fd, byte[] path);

    // ---- filesystems ----

    SysResult<FsStat> statfs(byte[] path);

    SysResult<FsStat> fstatfs(int fd);

    /** {@code sync(2)}: every filesystem writes its dirty data; returns 0. */
    int sync();

    /**
     * {@code mount(2)}: mounts a filesystem of {@code type} from {@code device} (a disk name such as
     * {@code nvme0}, or null for a memory filesystem) on the directory {@code path}; uid 0 only.
     * {@code flags}: {@link Fcntl#MNT_RDONLY}; {@code data}: the filesystem's options as {@code key=value} pairs
     * separated by commas ({@code size=64m} for tmpfs), or null.
     */
    int mount(String type, String device, byte[] path, int flags, String data);

    /** {@code unmount(2)}: EBUSY while files are open on it or something is mounted below, unless MNT_FORCE. */
    int unmount(byte[] path, int flags);

    /** {@code getfsstat(2)}: every mount, the root first. */
    List<FsStat> getfsstat();

    // ---- credentials ----

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    /** {@code setuid(2)}: uid 0 sets the real and effective uid; others only the effective one to their real uid. */
    int setuid(int uid);

    int seteuid(int euid);

    int setgid(int gid);

    int setegid(int egid);

    /** {@code setgroups(2)}: uid 0 only. */
    int setgroups(int[] groups);

    int[] getgroups();

    // ---- conveniences for programs written in Java (the byte-string calls with UTF-8 paths) ----

    static byte[] path(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    default int open(String path, int flags, int mode) {
        return openat(Fcntl.AT_FDCWD, path(path), flags, mode);
    }

    default int mkdir(String path, int mode) {
        return mkdirat(Fcntl.AT_FDCWD, path(path), mode);
    }

    default int unlink(String path) {
        return unlinkat(Fcntl.AT_FDCWD, path(path), 0);
    }

    default SysResult<FileStat> stat(String path) {
        return fstatat(Fcntl.AT_FDCWD, path(path), 0);
    }
}
