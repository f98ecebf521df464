package org.odonata.api.fs;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of filesystem ({@code struct vfsconf}), registered as a service with the service property {@code name}
 * by its bundle; the VFS mounts instances of it by that name ({@code mount -t NAME}).
 */
@ConsumerType
public interface FileSystemType {

    /** The name mount requests use: {@code tmpfs}, {@code hammer}, … */
    String name();

    /** One line for listings. */
    String description();

    /** Whether it lives on a block device (HAMMER) or in memory (tmpfs: mounted from {@code none}). */
    boolean needsDevice();

    /**
     * {@code VFS_MOUNT}: mounts an instance. Called on a simulated thread making the {@code mount} call, or on the
     * host thread at boot for the root filesystem (where device I/O completes synchronously). A device filesystem
     * finding a blank device makes a new filesystem there first when {@link MountRequest#makeIfBlank()} says so.
     *
     * @throws FsException with EINVAL for a device that holds no such filesystem, EIO for a corrupt one
     */
    FileSystem mount(MountRequest request);
}
