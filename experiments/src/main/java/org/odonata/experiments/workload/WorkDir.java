package org.odonata.experiments.workload;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.VfsSyscalls;

/**
 * The directory a file workload runs in, on the filesystem its {@code fs} parameter names: {@code root} (the
 * machine's root filesystem) or a fresh {@code tmpfs} or {@code hammer} (on {@code device}) mounted there.
 */
public final class WorkDir {

    /** The {@code fs} parameter's choices. */
    public static final String[] FILESYSTEMS = {"root", "tmpfs", "hammer"};

    private WorkDir() {
    }

    /**
     * Makes {@code path} (its parent must exist) and, unless {@code fs} is {@code root}, mounts a fresh
     * filesystem of that type on it.
     *
     * @return 0, or the failed call's negative errno
     */
    public static int make(Syscalls sys, String path, String fs, String device) {
        int r = sys.mkdir(path, 0755);
        if (r < 0 || fs.equals("root")) {
            return r;
        }
        return sys.mount(fs, fs.equals("hammer") ? device : null, VfsSyscalls.path(path), 0, null);
    }
}
