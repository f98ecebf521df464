package org.odonata.vfs.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.buf.BufCache;
import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FileSystemType;
import org.odonata.api.fs.FsCapacity;
import org.odonata.api.fs.FsException;
import org.odonata.api.fs.MountRequest;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.VfsHost;
import org.odonata.vfs.bio.BufQueues;
import org.odonata.vfs.bio.DeviceBufs;
import org.odonata.vfs.host.Counters;
import org.odonata.vfs.host.Host;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.namecache.NLookup;
import org.odonata.vfs.namecache.NameCache;
import org.odonata.vfs.namecache.Ncp;
import org.odonata.vfs.vnode.VState;
import org.odonata.vfs.vnode.Vnode;
import org.odonata.vfs.vnode.VnodeTable;

/**
 * One kernel's VFS: the namecache, the vnode table, {@code nlookup}, the mount list and the filesystem types, and
 * mounting ({@code vfs_mountroot}, {@code sys_mount}) and unmounting ({@code dounmount}). Mount-list changes take
 * the {@code mp} global token as DragonFly's {@code mountlist_token} stands for.
 */
public final class VfsCore {

    private static final String MOUNTLIST_TOKEN = "mp";

    public final Host host;
    public final Counters counters = new Counters();
    public final VnodeTable vnodes;
    public final NameCache cache;
    public final NLookup lookup;
    private final FsTypes types;
    private final List<Mount> mounts = new ArrayList<>();
    private int nextMountId;
    /** The buffer cache, created with the first device mount. */
    private BufQueues bufs;

    public VfsCore(Host host, FsTypes types) {
        this.host = host;
        this.types = types;
        this.vnodes = new VnodeTable(host, counters);
        this.cache = new NameCache(host, vnodes, counters);
        this.lookup = new NLookup(host, cache, vnodes, counters);
    }

    public VfsHost kernel() {
        return host.kernel();
    }

    public List<String> typeNames() {
        return types.names();
    }

    /** The root mount's root entry, or null before {@code mountRoot}. */
    public Ncp rootNcp() {
        return mounts.isEmpty() ? null : mounts.get(0).ncmountpt;
    }

    public List<Mount> mounts() {
        return List.copyOf(mounts);
    }

    /** The buffer cache, or null while nothing on a device was ever mounted. */
    public BufQueues bufs() {
        return bufs;
    }

    /**
     * Mounts a filesystem of {@code typeName} from {@code deviceName} (null: none) on {@code covered} (null: as the
     * root); 0 or a negative errno.
     */
    public int mount(String typeName, String deviceName, Ncp covered, int flags, boolean makeIfBlank,
            Map<String, String> options) {
        FileSystemType type = types.find(typeName);
        if (type == null) {
            return Errno.ENODEV.negated();
        }
        BlockDevice device = null;
        DeviceBufs devBufs = null;
        if (type.needsDevice()) {
            device = disk(deviceName);
            if (device == null) {
                return Errno.ENXIO.negated();
            }
            if (bufs == null) {
                bufs = new BufQueues(host);
            }
            devBufs = bufs.device(device);
        }
        String from = device == null ? "none" : device.spec().name();
        boolean readOnly = (flags & Fcntl.MNT_RDONLY) != 0;
        int id = nextMountId++;
        Request req = new Request(host.kernel(), device, devBufs, from, covered == null ? "/" : path(covered),
                readOnly, makeIfBlank, options, "mnt_token." + id);
        FileSystem fs;
        try {
            fs = type.mount(req);
        } catch (FsException e) {
            return e.errno().negated();
        }
        Mount mp = new Mount(id, type, fs, from, readOnly, devBufs);
        host.gettoken(MOUNTLIST_TOKEN);
        try {
            Vnode root = vnodes.vget(mp, fs.root());
            mp.ncmountpt = cache.allocRoot(mp, root);
            vnodes.vrele(root);
            if (covered != null) {
                mp.ncmounton = covered;
                cache.mountOn(covered, mp);
            }
            mounts.add(mp);
        } finally {
            host.reltoken();
        }
        if (devBufs != null) {
            bufs.syncer().add(mp, () -> lazySync(mp));
        }
        return 0;
    }

    /**
     * The syncer's pass over a mount ({@code sync_fsync}): {@code vfs_msync} first — the dirty pages of every mapped
     * file go to the filesystem ({@code vm_object_page_clean} without waiting) — then {@code VFS_SYNC(MNT_LAZY)}.
     */
    private static void lazySync(Mount mp) {
        List<Vnode> mapped = new ArrayList<>();
        for (Vnode vp : mp.vnodes.values()) {
            if (vp.object() != null && vp.state == VState.ACTIVE) {
                mapped.add(vp);
            }
        }
        mapped.sort(Comparator.comparingLong(vp -> vp.serial));
        for (Vnode vp : mapped) {
            if (vp.state == VState.ACTIVE) {
                vp.object().clean(false);
            }
        }
        try {
            mp.fs.sync(false);
        } catch (FsException e) {
            // the filesystem keeps its dirty data and reports at the next sync that waits
        }
    }

    /** Unmounts the mount whose root is {@code ncp}; 0 or EINVAL (not a mount's root), EBUSY. */
    public int unmount(Ncp ncp, int flags) {
        Mount mp = ncp.mount;
        if (ncp != mp.ncmountpt) {
            return Errno.EINVAL.negated();
        }
        if (mp.ncmounton == null) {
            return Errno.EBUSY.negated();
        }
        boolean force = (flags & Fcntl.MNT_FORCE) != 0;
        for (Mount other : mounts) {
            if (other != mp && other.ncmounton != null && other.ncmounton.mount == mp) {
                return Errno.EBUSY.negated();
            }
        }
        if (!force) {
            for (Vnode vp : mp.vnodes.values()) {
                if (vp.refcnt > 0) {
                    return Errno.EBUSY.negated();
                }
            }
        }
        host.gettoken(MOUNTLIST_TOKEN);
        try {
            mp.unmounting = true;
            try {
                mp.fs.sync(true);
            } catch (FsException e) {
                if (!force) {
                    mp.unmounting = false;
                    return e.errno().negated();
                }
            }
            cache.unmountFrom(mp.ncmounton);
            cache.destroy(mp.ncmountpt);
            vnodes.reclaimAll(mp);
            mp.fs.unmount(force);
            mounts.remove(mp);
            if (mp.bufcache != null) {
                bufs.syncer().remove(mp);
                mp.bufcache.invalidate();
            }
        } finally {
            host.reltoken();
        }
        return 0;
    }

    /** {@code sync(2)}: every filesystem, the root first. */
    public void syncAll() {
        for (Mount mp : mounts()) {
            try {
                mp.fs.sync(false);
            } catch (FsException e) {
                // sync(2) reports nothing; a filesystem that cannot write keeps its dirty data
            }
        }
    }

    public FsStat statfs(Mount mp) {
        FsCapacity c = mp.fs.statfs();
        return new FsStat(mp.type.name(), path(mp.ncmountpt), mp.deviceName, c.blockSize(), c.blocks(),
                c.blocksFree(), c.files(), c.filesFree(), mp.readOnly ? Fcntl.MNT_RDONLY : 0);
    }

    /** The absolute path of an entry, crossing mount points up to the global root. */
    public String path(Ncp ncp) {
        List<byte[]> parts = new ArrayList<>();
        Ncp n = ncp;
        while (true) {
            while (n.parent() == null && n.mount.ncmounton != null) {
                n = n.mount.ncmounton;
            }
            if (n.parent() == null) {
                break;
            }
            parts.add(n.name());
            n = n.parent();
        }
        if (parts.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append('/').append(new String(parts.get(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private BlockDevice disk(String name) {
        List<BlockDevice> disks = host.kernel().machine().disks();
        if (name == null) {
            return disks.isEmpty() ? null : disks.get(0);
        }
        for (BlockDevice d : disks) {
            if (d.spec().name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private record Request(VfsHost host, BlockDevice device, BufCache bufcache, String deviceName, String mountPoint,
            boolean readOnly, boolean makeIfBlank, Map<String, String> options, String mountToken)
            implements MountRequest {
    }
}
