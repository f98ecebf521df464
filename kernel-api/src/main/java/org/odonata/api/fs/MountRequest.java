package org.odonata.api.fs;

import java.util.Map;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.buf.BufCache;
import org.odonata.api.vfs.VfsHost;
import org.osgi.annotation.versioning.ProviderType;

/** What the VFS hands a filesystem type to mount an instance: the kernel, the device, the options. */
@ProviderType
public interface MountRequest {

    /** The kernel's mechanisms: clocks, cycles, tokens, tsleep/wakeup, lockmgr locks, kernel threads. */
    VfsHost host();

    /**
     * The device to mount, or null for a memory filesystem. Its calls bypass the kernel (the calling CPU stays busy
     * for the whole request): a filesystem running in the kernel does its I/O through {@link #bufcache()}.
     */
    BlockDevice device();

    /** The buffer cache of {@link #device()}, or null for a memory filesystem. */
    BufCache bufcache();

    /** The device's name ({@code nvme0}), or {@code none}. */
    String deviceName();

    /** Where it is being mounted, for messages. */
    String mountPoint();

    boolean readOnly();

    /** Make a new, empty filesystem if the device holds none (the root at boot); else a blank device is EINVAL. */
    boolean makeIfBlank();

    /**
     * The name of the mount's token ({@code mnt_token}), a pool token for {@code host().gettoken}: DragonFly's
     * filesystems take it around operations that change the mount's shared state.
     */
    String mountToken();

    /** Filesystem-specific options ({@code size=64m} for tmpfs), as given. */
    Map<String, String> options();
}
