package org.odonata.api.vfs;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One process's file state ({@code struct filedesc} and {@code p_ucred}): its descriptor table (files and pipes),
 * current directory, umask and credentials, and the system calls on them, which the kernel core calls on the
 * calling process's own simulated thread between its syscall entry and exit.
 */
@ProviderType
public interface ProcessFiles extends VfsSyscalls {

    /**
     * {@code fork}: the child's state — a copy of the descriptor table whose descriptors share the parent's open
     * files (offsets and status flags), the same current directory, umask and credentials.
     */
    ProcessFiles fork(int childPid);

    /**
     * The path check of {@code execve(2)}: 0 if {@code path} names a regular file the process may execute, else the
     * error (ENOENT, EACCES, …). Changes nothing.
     */
    int execCheck(byte[] path);

    /**
     * The descriptor side of {@code mmap(2)} of {@code fd} ({@code kern_mmap}): the vnode's pager and open mode, or
     * EBADF (no such descriptor, or {@code O_PATH}), ENODEV (not a regular file), EACCES (not open for reading, or
     * {@code PROT_WRITE} with {@code MAP_SHARED} on a file not open for writing), as POSIX says.
     */
    SysResult<FileMapping> mmap(int fd, int prot, int flags);

    /** {@code execve} succeeded: descriptors marked close-on-exec are closed. */
    void exec();

    /** The process exits: every descriptor is closed, the current directory released. */
    void exit();
}
