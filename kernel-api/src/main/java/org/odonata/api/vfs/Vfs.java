package org.odonata.api.vfs;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One kernel's VFS: the mount table, the namecache and vnodes, and the per-process file state. The kernel core
 * creates it at boot through the {@link VfsFactory} service, mounts the root filesystem, and hands every file
 * system call to the calling process's {@link ProcessFiles}.
 */
@ProviderType
public interface Vfs {

    /**
     * {@code vfs_mountroot}: mounts the root filesystem. Called once, at boot, on the host thread before virtual time
     * starts (a device filesystem's I/O then completes synchronously and costs no virtual time).
     *
     * @param type   a registered filesystem type ({@code tmpfs}, {@code hammer})
     * @param device a disk of the machine by name, or null for a memory filesystem
     * @param makeIfBlank make a new filesystem on the device first when it holds none (a blank disk)
     * @throws IllegalArgumentException naming the unknown type or device, or why the mount failed
     */
    void mountRoot(String type, String device, boolean makeIfBlank);

    /** The file state of a process with no parent (cwd {@code /}, umask 022, uid and gid 0, no descriptors). */
    ProcessFiles newProcess(int pid);

    /** The mounts, the root first ({@code getfsstat}), readable on the host thread between events. */
    List<FsStat> mounts();

    /** The filesystem types it can mount, by name, sorted. */
    List<String> types();

    /** Counters of the namecache, vnodes, files and the buffer cache, by name, in a stable order. */
    java.util.Map<String, Long> stats();
}
