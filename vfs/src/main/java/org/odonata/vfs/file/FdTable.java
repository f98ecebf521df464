package org.odonata.vfs.file;

import java.util.Arrays;

import org.odonata.api.vfs.Errno;

/**
 * A process's descriptor table ({@code struct filedesc}, {@code sys/kern/kern_descrip.c}): descriptors name open
 * files, each with its close-on-exec flag; a new descriptor is the lowest free one at or above a minimum
 * ({@code fdalloc}). {@link #fork} copies the table, the copies sharing the open files (POSIX: offsets and status
 * flags are shared, descriptor flags are not). At most {@value #NOFILE} descriptors (EMFILE beyond).
 */
public final class FdTable {

    /** {@code maxfilesperproc}. */
    public static final int NOFILE = 65536;

    private OpenFile[] files;
    private boolean[] cloexec;

    public FdTable() {
        this(new OpenFile[8], new boolean[8]);
    }

    private FdTable(OpenFile[] files, boolean[] cloexec) {
        this.files = files;
        this.cloexec = cloexec;
    }

    /** The open file of {@code fd}, or null. */
    public OpenFile get(int fd) {
        return fd >= 0 && fd < files.length ? files[fd] : null;
    }

    public boolean cloexec(int fd) {
        return cloexec[fd];
    }

    public void setCloexec(int fd, boolean on) {
        cloexec[fd] = on;
    }

    /** Puts {@code f} (whose reference the table takes) at the lowest free descriptor ≥ {@code min}; or EMFILE. */
    public int alloc(OpenFile f, boolean closeOnExec, int min) {
        for (int fd = min; fd < NOFILE; fd++) {
            if (fd >= files.length) {
                grow(fd + 1);
            }
            if (files[fd] == null) {
                files[fd] = f;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        return Errno.EMFILE.negated();
    }

    /** Puts {@code f} at exactly {@code fd}, closing what was there ({@code dup2}). */
    public void install(int fd, OpenFile f, boolean closeOnExec) {
        if (fd >= files.length) {
            grow(fd + 1);
        }
        OpenFile old = files[fd];
        files[fd] = f;
        cloexec[fd] = closeOnExec;
        if (old != null) {
            old.closedBy(this);
            drop(old);
        }
    }

    /** Closes {@code fd}; 0 or EBADF. */
    public int close(int fd) {
        OpenFile f = get(fd);
        if (f == null) {
            return Errno.EBADF.negated();
        }
        files[fd] = null;
        cloexec[fd] = false;
        f.closedBy(this);
        drop(f);
        return 0;
    }

    /** Closes every descriptor marked close-on-exec. */
    public void closeOnExec() {
        for (int fd = 0; fd < files.length; fd++) {
            if (files[fd] != null && cloexec[fd]) {
                close(fd);
            }
        }
    }

    /** Closes every descriptor, lowest first. */
    public void closeAll() {
        for (int fd = 0; fd < files.length; fd++) {
            if (files[fd] != null) {
                close(fd);
            }
        }
    }

    /** {@code fdcopy}: a new table referring to the same open files. */
    public FdTable fork() {
        FdTable t = new FdTable(files.clone(), cloexec.clone());
        for (OpenFile f : t.files) {
            if (f != null) {
                f.count++;
            }
        }
        return t;
    }

    private static void drop(OpenFile f) {
        if (--f.count == 0) {
            f.close();
        }
    }

    private void grow(int min) {
        int n = Math.max(min, files.length * 2);
        files = Arrays.copyOf(files, n);
        cloexec = Arrays.copyOf(cloexec, n);
    }
}
