package org.odonata.vfs.syscall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.fs.FsException;
import org.odonata.api.fs.VType;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.vfs.access.Ucred;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.file.FdTable;
import org.odonata.vfs.file.OpenFile;
import org.odonata.vfs.file.VnodeFile;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.namecache.Nameidata;
import org.odonata.vfs.namecache.Ncp;

/** The filesystem calls: {@code statfs}, {@code sync}, {@code mount}, {@code unmount}, {@code getfsstat}. */
abstract class MountCalls extends PathCalls {

    MountCalls(VfsCore vfs, int pid, FdTable fds, Ncp cwd, Ncp root, int cmask, Ucred cred) {
        super(vfs, pid, fds, cwd, root, cmask, cred);
    }

    public SysResult<FsStat> statfs(byte[] path) {
        Nameidata[] nd = new Nameidata[1];
        int error = namei(nd, Fcntl.AT_FDCWD, path, Nameidata.FOLLOW);
        if (error != 0) {
            return new SysResult<>(error, null);
        }
        try {
            return statfs(nd[0].ncp.mount);
        } finally {
            vfs.lookup.done(nd[0]);
        }
    }

    public SysResult<FsStat> fstatfs(int fd) {
        OpenFile f = fget(fd);
        if (!(f instanceof VnodeFile vf)) {
            return f == null ? SysResult.failed(Errno.EBADF) : SysResult.failed(Errno.EINVAL);
        }
        return statfs(vf.vp.mount);
    }

    private SysResult<FsStat> statfs(Mount mp) {
        try {
            return SysResult.ok(vfs.statfs(mp));
        } catch (FsException e) {
            return SysResult.failed(e.errno());
        }
    }

    public int sync() {
        vfs.syncAll();
        return 0;
    }

    public int mount(String type, String device, byte[] path, int flags, String data) {
        if (!cred.superuser()) {
            return Errno.EPERM.negated();
        }
        if (type == null || (flags & ~Fcntl.MNT_RDONLY) != 0) {
            return Errno.EINVAL.negated();
        }
        if (!vfs.typeNames().contains(type)) {
            // as Linux's do_new_mount, the type is looked up before the mount point
            return Errno.ENODEV.negated();
        }
        Nameidata[] nd = new Nameidata[1];
        int error = namei(nd, Fcntl.AT_FDCWD, path, Nameidata.FOLLOW);
        if (error != 0) {
            return error;
        }
        try {
            Ncp covered = nd[0].ncp;
            if (covered.vp.type != VType.VDIR) {
                return Errno.ENOTDIR.negated();
            }
            if (covered.parent() == null) {
                return Errno.EBUSY.negated();
            }
            Map<String, String> options = new LinkedHashMap<>();
            if (data != null && !data.isBlank()) {
                for (String kv : data.split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq == 0 || kv.isBlank()) {
                        return Errno.EINVAL.negated();
                    }
                    if (eq < 0) {
                        options.put(kv.trim(), "");
                    } else {
                        options.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                    }
                }
            }
            return vfs.mount(type, device, covered, flags, false, options);
        } finally {
            vfs.lookup.done(nd[0]);
        }
    }

    public int unmount(byte[] path, int flags) {
        if (!cred.superuser()) {
            return Errno.EPERM.negated();
        }
        if ((flags & ~Fcntl.MNT_FORCE) != 0) {
            return Errno.EINVAL.negated();
        }
        Nameidata[] nd = new Nameidata[1];
        int error = namei(nd, Fcntl.AT_FDCWD, path, Nameidata.FOLLOW);
        if (error != 0) {
            return error;
        }
        Ncp ncp = nd[0].ncp;
        vfs.lookup.done(nd[0]);
        return vfs.unmount(ncp, flags);
    }

    public List<FsStat> getfsstat() {
        List<FsStat> out = new ArrayList<>();
        for (Mount mp : vfs.mounts()) {
            try {
                out.add(vfs.statfs(mp));
            } catch (FsException e) {
                // a filesystem that cannot report is left out, as getfsstat(MNT_NOWAIT) leaves out stale ones
            }
        }
        return out;
    }
}
