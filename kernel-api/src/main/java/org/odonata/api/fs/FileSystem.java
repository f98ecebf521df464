package org.odonata.api.fs;

import org.osgi.annotation.versioning.ConsumerType;

/** A mounted filesystem: its VFS operations ({@code struct vfsops}: {@code root}, {@code statfs}, {@code sync}, {@code unmount}). */
@ConsumerType
public interface FileSystem {

    /** {@code VFS_ROOT}: the root directory. */
    FsNode root();

    /** {@code VFS_STATFS}. */
    FsCapacity statfs();

    /** {@code VFS_SYNC}: writes what is dirty; with {@code waitFor} returns once it is on stable storage. */
    void sync(boolean waitFor);

    /**
     * {@code VFS_UNMOUNT}: the VFS has checked nothing is in use (or {@code force} was given) and reclaimed the
     * vnodes; the filesystem writes what is dirty and lets go of its device.
     */
    void unmount(boolean force);
}
