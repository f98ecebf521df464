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

    /** {@code execve} succeeded: descriptors marked close-on-exec are closed. */
    void exec();

    /** The process exits: every descriptor is closed, the current directory released. */
    void exit();
}
