package org.odonata.kern;

import java.util.List;

import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.Flock;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.ProcessFiles;
import org.odonata.api.vfs.SysResult;
import org.odonata.api.vfs.VfsSyscalls;

/**
 * The file, pipe, mount and credential system calls of one LWP: each enters the kernel (syscall entry), hands the
 * call to the process's file state in the VFS ({@link ProcessFiles}), and returns through the syscall exit.
 */
abstract class VfsCallLayer implements VfsSyscalls {

    /** Enters the kernel; returns the calling process's file state. */
    abstract ProcessFiles enterFiles();

    /** Leaves the kernel (syscall exit, and the user-return checks). */
    abstract void leave();

    @Override
    public final int openat(int dirfd, byte[] path, int flags, int mode) {
        int r = enterFiles().openat(dirfd, path, flags, mode);
        leave();
        return r;
    }

    @Override
    public final int[] pipe() {
        int[] r = enterFiles().pipe();
        leave();
        return r;
    }

    @Override
    public final SysResult<int[]> pipe2(int flags) {
        SysResult<int[]> r = enterFiles().pipe2(flags);
        leave();
        return r;
    }

    @Override
    public final int read(int fd, byte[] buf, int off, int len) {
        int r = enterFiles().read(fd, buf, off, len);
        leave();
        return r;
    }

    @Override
    public final int write(int fd, byte[] buf, int off, int len) {
        int r = enterFiles().write(fd, buf, off, len);
        leave();
        return r;
    }

    @Override
    public final int pread(int fd, byte[] buf, int off, int len, long offset) {
        int r = enterFiles().pread(fd, buf, off, len, offset);
        leave();
        return r;
    }

    @Override
    public final int pwrite(int fd, byte[] buf, int off, int len, long offset) {
        int r = enterFiles().pwrite(fd, buf, off, len, offset);
        leave();
        return r;
    }

    @Override
    public final long readv(int fd, byte[][] iov) {
        long r = enterFiles().readv(fd, iov);
        leave();
        return r;
    }

    @Override
    public final long writev(int fd, byte[][] iov) {
        long r = enterFiles().writev(fd, iov);
        leave();
        return r;
    }

    @Override
    public final long lseek(int fd, long offset, int whence) {
        long r = enterFiles().lseek(fd, offset, whence);
        leave();
        return r;
    }

    @Override
    public final int close(int fd) {
        int r = enterFiles().close(fd);
        leave();
        return r;
    }

    @Override
    public final int dup(int fd) {
        int r = enterFiles().dup(fd);
        leave();
        return r;
    }

    @Override
    public final int dup2(int oldfd, int newfd) {
        int r = enterFiles().dup2(oldfd, newfd);
        leave();
        return r;
    }

    @Override
    public final int dup3(int oldfd, int newfd, int flags) {
        int r = enterFiles().dup3(oldfd, newfd, flags);
        leave();
        return r;
    }

    @Override
    public final int fcntl(int fd, int cmd, long arg) {
        int r = enterFiles().fcntl(fd, cmd, arg);
        leave();
        return r;
    }

    @Override
    public final SysResult<FileStat> fstat(int fd) {
        SysResult<FileStat> r = enterFiles().fstat(fd);
        leave();
        return r;
    }

    @Override
    public final SysResult<FileStat> fstatat(int dirfd, byte[] path, int flags) {
        SysResult<FileStat> r = enterFiles().fstatat(dirfd, path, flags);
        leave();
        return r;
    }

    @Override
    public final int ftruncate(int fd, long length) {
        int r = enterFiles().ftruncate(fd, length);
        leave();
        return r;
    }

    @Override
    public final int truncate(byte[] path, long length) {
        int r = enterFiles().truncate(path, length);
        leave();
        return r;
    }

    @Override
    public final int fsync(int fd) {
        int r = enterFiles().fsync(fd);
        leave();
        return r;
    }

    @Override
    public final int fdatasync(int fd) {
        int r = enterFiles().fdatasync(fd);
        leave();
        return r;
    }

    @Override
    public final SysResult<List<DirEntry>> getdents(int fd, int bufferBytes) {
        SysResult<List<DirEntry>> r = enterFiles().getdents(fd, bufferBytes);
        leave();
        return r;
    }

    @Override
    public final long copyFileRange(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) {
        long r = enterFiles().copyFileRange(fdIn, offIn, fdOut, offOut, len, flags);
        leave();
        return r;
    }

    @Override
    public final int mkdirat(int dirfd, byte[] path, int mode) {
        int r = enterFiles().mkdirat(dirfd, path, mode);
        leave();
        return r;
    }

    @Override
    public final int socket(int domain, int type, int protocol) {
        int r = enterFiles().socket(domain, type, protocol);
        leave();
        return r;
    }

    @Override
    public final int bind(int fd, byte[] path) {
        int r = enterFiles().bind(fd, path);
        leave();
        return r;
    }

    @Override
    public final SysResult<Flock> fcntlLock(int fd, int cmd, Flock lock) {
        SysResult<Flock> r = enterFiles().fcntlLock(fd, cmd, lock);
        leave();
        return r;
    }

    @Override
    public final int mknodat(int dirfd, byte[] path, int mode, long dev) {
        int r = enterFiles().mknodat(dirfd, path, mode, dev);
        leave();
        return r;
    }

    @Override
    public final int unlinkat(int dirfd, byte[] path, int flags) {
        int r = enterFiles().unlinkat(dirfd, path, flags);
        leave();
        return r;
    }

    @Override
    public final int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath) {
        int r = enterFiles().renameat(olddirfd, oldpath, newdirfd, newpath);
        leave();
        return r;
    }

    @Override
    public final int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) {
        int r = enterFiles().renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
        leave();
        return r;
    }

    @Override
    public final int linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) {
        int r = enterFiles().linkat(olddirfd, oldpath, newdirfd, newpath, flags);
        leave();
        return r;
    }

    @Override
    public final int symlinkat(byte[] target, int newdirfd, byte[] linkpath) {
        int r = enterFiles().symlinkat(target, newdirfd, linkpath);
        leave();
        return r;
    }

    @Override
    public final int readlinkat(int dirfd, byte[] path, byte[] buf) {
        int r = enterFiles().readlinkat(dirfd, path, buf);
        leave();
        return r;
    }

    @Override
    public final int fchmod(int fd, int mode) {
        int r = enterFiles().fchmod(fd, mode);
        leave();
        return r;
    }

    @Override
    public final int fchmodat(int dirfd, byte[] path, int mode, int flags) {
        int r = enterFiles().fchmodat(dirfd, path, mode, flags);
        leave();
        return r;
    }

    @Override
    public final int fchown(int fd, int uid, int gid) {
        int r = enterFiles().fchown(fd, uid, gid);
        leave();
        return r;
    }

    @Override
    public final int fchownat(int dirfd, byte[] path, int uid, int gid, int flags) {
        int r = enterFiles().fchownat(dirfd, path, uid, gid, flags);
        leave();
        return r;
    }

    @Override
    public final int utimensat(int dirfd, byte[] path, long atime, long mtime, int flags) {
        int r = enterFiles().utimensat(dirfd, path, atime, mtime, flags);
        leave();
        return r;
    }

    @Override
    public final int faccessat(int dirfd, byte[] path, int mode, int flags) {
        int r = enterFiles().faccessat(dirfd, path, mode, flags);
        leave();
        return r;
    }

    @Override
    public final int chdir(byte[] path) {
        int r = enterFiles().chdir(path);
        leave();
        return r;
    }

    @Override
    public final int fchdir(int fd) {
        int r = enterFiles().fchdir(fd);
        leave();
        return r;
    }

    @Override
    public final int getcwd(byte[] buf) {
        int r = enterFiles().getcwd(buf);
        leave();
        return r;
    }

    @Override
    public final int umask(int mask) {
        int r = enterFiles().umask(mask);
        leave();
        return r;
    }

    @Override
    public final SysResult<FsStat> statfs(byte[] path) {
        SysResult<FsStat> r = enterFiles().statfs(path);
        leave();
        return r;
    }

    @Override
    public final SysResult<FsStat> fstatfs(int fd) {
        SysResult<FsStat> r = enterFiles().fstatfs(fd);
        leave();
        return r;
    }

    @Override
    public final int sync() {
        int r = enterFiles().sync();
        leave();
        return r;
    }

    @Override
    public final int mount(String type, String device, byte[] path, int flags, String data) {
        int r = enterFiles().mount(type, device, path, flags, data);
        leave();
        return r;
    }

    @Override
    public final int unmount(byte[] path, int flags) {
        int r = enterFiles().unmount(path, flags);
        leave();
        return r;
    }

    @Override
    public final List<FsStat> getfsstat() {
        List<FsStat> r = enterFiles().getfsstat();
        leave();
        return r;
    }

    @Override
    public final int getuid() {
        int r = enterFiles().getuid();
        leave();
        return r;
    }

    @Override
    public final int geteuid() {
        int r = enterFiles().geteuid();
        leave();
        return r;
    }

    @Override
    public final int getgid() {
        int r = enterFiles().getgid();
        leave();
        return r;
    }

    @Override
    public final int getegid() {
        int r = enterFiles().getegid();
        leave();
        return r;
    }

    @Override
    public final int setuid(int uid) {
        int r = enterFiles().setuid(uid);
        leave();
        return r;
    }

    @Override
    public final int seteuid(int euid) {
        int r = enterFiles().seteuid(euid);
        leave();
        return r;
    }

    @Override
    public final int setgid(int gid) {
        int r = enterFiles().setgid(gid);
        leave();
        return r;
    }

    @Override
    public final int setegid(int egid) {
        int r = enterFiles().setegid(egid);
        leave();
        return r;
    }

    @Override
    public final int setgroups(int[] groups) {
        int r = enterFiles().setgroups(groups);
        leave();
        return r;
    }

    @Override
    public final int[] getgroups() {
        int[] r = enterFiles().getgroups();
        leave();
        return r;
    }
}
