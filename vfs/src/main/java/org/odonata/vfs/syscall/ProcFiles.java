package org.odonata.vfs.syscall;

import org.odonata.api.fs.VType;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileMapping;
import org.odonata.api.vfs.ProcessFiles;
import org.odonata.api.vfs.SysResult;
import org.odonata.api.vm.VmSpace;
import org.odonata.vfs.access.Access;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.file.FdTable;
import org.odonata.vfs.file.OpenFile;
import org.odonata.vfs.file.VnodeFile;
import org.odonata.vfs.namecache.Nameidata;
import org.odonata.vfs.namecache.Ncp;

/**
 * One process's file state and every file system call on it, plus the process events the kernel core reports:
 * {@link #fork} (a copy of the descriptor table sharing the open files, the same directories, umask and
 * credentials), {@link #exec} (close-on-exec descriptors closed) and {@link #exit} (everything closed). The
 * credential calls follow POSIX's saved-set-id rules.
 */
public final class ProcFiles extends LockCalls implements ProcessFiles {

    public ProcFiles(VfsCore vfs, int pid) {
        this(vfs, pid, new FdTable(), vfs.rootNcp(), vfs.rootNcp(), 022, Ucred.ROOT);
    }

    private ProcFiles(VfsCore vfs, int pid, FdTable fds, Ncp cwd, Ncp root, int cmask, Ucred cred) {
        super(vfs, pid, fds, cwd, root, cmask, cred);
    }

    @Override
    public ProcessFiles fork(int childPid) {
        return new ProcFiles(vfs, childPid, fds.fork(), cwd, root, cmask, cred);
    }

    @Override
    public int execCheck(byte[] path) {
        // kern_execve: NLC_SHAREDLOCK
        return withNode(Fcntl.AT_FDCWD, path, Nameidata.FOLLOW | Nameidata.SHAREDLOCK, (vp, va) -> {
            if (vp.type != VType.VREG) {
                return Errno.EACCES.negated();
            }
            return access(va, Access.VEXEC);
        });
    }

    @Override
    public SysResult<FileMapping> mmap(int fd, int prot, int flags) {
        OpenFile f = fget(fd);
        if (f == null || (f.flags & Fcntl.O_PATH) != 0) {
            return SysResult.failed(Errno.EBADF);
        }
        if (!(f instanceof VnodeFile vf) || vf.vp.type != VType.VREG) {
            return SysResult.failed(Errno.ENODEV);
        }
        // kern_mmap: a file not open for reading cannot be mapped; a shared writable mapping needs FWRITE
        if (!f.readable() || ((flags & VmSpace.MAP_SHARED) != 0 && (prot & VmSpace.PROT_WRITE) != 0
                && !f.writable())) {
            return SysResult.failed(Errno.EACCES);
        }
        return SysResult.ok(new FileMapping(vfs.vnodes.pager(vf.vp), f.writable() && !vf.vp.mount.readOnly));
    }

    @Override
    public void exec() {
        fds.closeOnExec();
    }

    @Override
    public void exit() {
        fds.closeAll();
        setCwd(null);
    }

    // ---- credentials ----

    @Override
    public int getuid() {
        return cred.ruid();
    }

    @Override
    public int geteuid() {
        return cred.euid();
    }

    @Override
    public int getgid() {
        return cred.rgid();
    }

    @Override
    public int getegid() {
        return cred.egid();
    }

    @Override
    public int setuid(int uid) {
        if (uid < 0) {
            return Errno.EINVAL.negated();
        }
        if (cred.superuser()) {
            cred = cred.withUids(uid, uid, uid);
            return 0;
        }
        if (uid != cred.ruid() && uid != cred.svuid()) {
            return Errno.EPERM.negated();
        }
        cred = cred.withUids(cred.ruid(), uid, cred.svuid());
        return 0;
    }

    @Override
    public int seteuid(int euid) {
        if (euid < 0) {
            return Errno.EINVAL.negated();
        }
        if (!cred.superuser() && euid != cred.ruid() && euid != cred.svuid()) {
            return Errno.EPERM.negated();
        }
        cred = cred.withUids(cred.ruid(), euid, cred.svuid());
        return 0;
    }

    @Override
    public int setgid(int gid) {
        if (gid < 0) {
            return Errno.EINVAL.negated();
        }
        if (cred.superuser()) {
            cred = cred.withGids(gid, gid, gid);
            return 0;
        }
        if (gid != cred.rgid() && gid != cred.svgid()) {
            return Errno.EPERM.negated();
        }
        cred = cred.withGids(cred.rgid(), gid, cred.svgid());
        return 0;
    }

    @Override
    public int setegid(int egid) {
        if (egid < 0) {
            return Errno.EINVAL.negated();
        }
        if (!cred.superuser() && egid != cred.rgid() && egid != cred.svgid()) {
            return Errno.EPERM.negated();
        }
        cred = cred.withGids(cred.rgid(), egid, cred.svgid());
        return 0;
    }

    @Override
    public int setgroups(int[] groups) {
        if (!cred.superuser()) {
            return Errno.EPERM.negated();
        }
        if (groups == null || groups.length > 65536) {
            return Errno.EINVAL.negated();
        }
        cred = cred.withGroups(groups);
        return 0;
    }

    @Override
    public int[] getgroups() {
        return cred.groups();
    }
}
