package org.odonata.vfs.mount;

import java.util.HashMap;
import java.util.Map;

import org.odonata.api.buf.BufCache;
import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FileSystemType;
import org.odonata.vfs.namecache.Ncp;
import org.odonata.vfs.vnode.Vnode;

/**
 * A mounted filesystem ({@code struct mount}): its type and instance, the namecache entry of its root
 * ({@code mnt_ncmountpt}) and the one it covers ({@code mnt_ncmounton}, null for the root mount), its token
 * ({@code mnt_token}, a pool token of that name), and its vnodes by inode number.
 */
public final class Mount {

    public final int id;
    public final FileSystemType type;
    public final FileSystem fs;
    public final String deviceName;
    public final boolean readOnly;
    /** The buffer cache of its device, or null for a memory filesystem. */
    public final BufCache bufcache;
    /** The name of its {@code mnt_token}. */
    public final String token;
    public final Map<Long, Vnode> vnodes = new HashMap<>();
    public Ncp ncmountpt;
    public Ncp ncmounton;
    /** Operations in progress ({@code vfs_busy}); unmount waits for none. */
    public int busy;
    public boolean unmounting;

    public Mount(int id, FileSystemType type, FileSystem fs, String deviceName, boolean readOnly, BufCache bufcache) {
        this.id = id;
        this.type = type;
        this.fs = fs;
        this.deviceName = deviceName;
        this.readOnly = readOnly;
        this.bufcache = bufcache;
        this.token = "mnt_token." + id;
    }

    /** {@code st_dev} of its files. */
    public long dev() {
        return 0x100L + id;
    }

    @Override
    public String toString() {
        return type.name() + " mount " + id + " from " + deviceName;
    }
}
