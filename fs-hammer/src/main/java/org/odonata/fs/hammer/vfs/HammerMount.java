package org.odonata.fs.hammer.vfs;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FsCapacity;
import org.odonata.api.fs.FsException;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.MountRequest;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.VfsHost;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.flush.FlushObserver;
import org.odonata.fs.hammer.fs.FsyncMode;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.PseudoFsData;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.ondisk.VolumeHeader;

/**
 * A HAMMER filesystem mounted in the kernel ({@code struct hammer_mount}, {@code hammer_vfsops.c}): the volume on a
 * machine's disk read and written through the buffer cache ({@link BufDevice}), inode and record times and the
 * first TID of a new volume from the kernel's virtual wall clock (newfs_hammer's {@code createtid()}), the flusher a
 * kernel thread ({@link HammerFlusher}), and every operation under the mount's token (DragonFly's VOPs take
 * {@code hmp->fs_token}) and a lockmgr lock of the kernel's.
 * <p>
 * Simplification: the lockmgr lock is mount-wide and exclusive, held across disk waits, where DragonFly locks
 * inodes, B-tree nodes and cursors ({@code hammer_lock}) and lets the front end run beside the flusher; so
 * operations on one HAMMER mount are serialized, and the flusher's work on them with it.
 */
final class HammerMount implements FileSystem {

    /** The mount option that formats a blank disk first ({@code fs:mount --options newfs hammer DISK PATH}). */
    static final String NEWFS = "newfs";
    /** Big-blocks a small disk's volume is cut into at least (8 MB big-blocks from 1 GiB up, as DragonFly's). */
    private static final long MIN_BIGBLOCKS = 64;

    final VfsHost host;
    final String deviceName;
    final HammerFs fs;
    private final String token;
    private final LockMgr lock;
    private final HammerFlusher flusher;
    private final boolean readOnly;
    /** {@code hmp->flush_tid1} as its waiters were last told, and the ident they sleep on. */
    private long flushTid1;
    private final long flushTid1Ident;
    /** The ident each PFS's waiters sleep on ({@code &pfsm->pfsd.sync_end_tid}), made when first waited on. */
    private final Map<Integer, Long> pfsIdents = new HashMap<>();
    /** Counts wakeups, so a waiter that lost the mount's lock before its tsleep sees one it would miss. */
    private long wakeups;

    HammerMount(MountRequest req, LockFactory locks) {
        if (req.bufcache() == null) {
            throw new FsException(Errno.EINVAL, "hammer lives on a disk: mount hammer DEVICE PATH");
        }
        this.host = req.host();
        this.deviceName = req.deviceName();
        this.token = req.mountToken();
        this.readOnly = req.readOnly();
        this.lock = locks.newLockMgr(host.syncHost(), "hammer " + deviceName, host.sleeper());
        BufDevice device = new BufDevice(req.bufcache(), req.device(), host);
        MountOptions options = new MountOptions(readOnly, host::realtime, FsyncMode.REDO, FlushObserver.NONE);
        try {
            if (!blank(device)) {
                this.fs = HammerFs.mount(device, options);
            } else if ((req.makeIfBlank() || req.options().containsKey(NEWFS)) && !readOnly) {
                this.fs = HammerFs.newfs(device, newfsOptions(device.sizeBytes()).withFirstTid(host.realtime()),
                        options);
            } else {
                throw new FsException(Errno.EINVAL, deviceName + " holds no HAMMER filesystem (a blank disk: mount it"
                        + " with the option newfs to make one)");
            }
        } catch (HammerException e) {
            throw error(e);
        }
        this.flusher = new HammerFlusher(this);
        this.flushTid1 = fs.lastTid();
        this.flushTid1Ident = host.kthreads().newIdent();
        if (!readOnly) {
            fs.runUnderVfs(flusher::async);
            host.kthreads().create("hammer flusher " + deviceName, host.blockIo().interruptCpu(deviceName),
                    flusher::run);
        }
    }

    /** A device whose first block is all zeros holds nothing (no volume header signature). */
    private static boolean blank(BlockDevice device) {
        ByteBuffer first = ByteBuffer.allocate(VolumeHeader.SIZE);
        device.read(0, first);
        for (byte b : first.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** newfs_hammer's layout with big-blocks small enough that a small disk still holds {@value #MIN_BIGBLOCKS}. */
    static NewfsOptions newfsOptions(long deviceBytes) {
        long bb = NewfsOptions.DEFAULT_BIGBLOCK;
        while (bb > 64 * 1024 && deviceBytes / bb < MIN_BIGBLOCKS) {
            bb /= 2;
        }
        return NewfsOptions.withBigBlock(bb);
    }

    @Override
    public FsNode root() {
        return node(RecordType.ROOT_OBJID, BTree.AS_OF_NOW, call(() -> fs.attributes(RecordType.ROOT_OBJID)));
    }

    /** The node of an object now ({@link BTree#AS_OF_NOW}) or as of a TID (a read-only view). */
    HammerNode node(long objId, long asOf, InodeData data) {
        return new HammerNode(this, objId, asOf, asOf == BTree.AS_OF_NOW ? objId : viewKey(objId, asOf), data);
    }

    /**
     * The VFS's inode number for a view of an object as of a TID, distinct from every object's (DragonFly keys
     * hammer_inodes by obj_id and obj_asof): small numbers from 2 up, which no object has (object ids are the
     * root's 1 and TIDs, at least 2^32 in PFS 0 and negative in the others), kept for the mount's life.
     */
    long viewKey(long objId, long asOf) {
        return viewKeys.computeIfAbsent(new View(objId, asOf), v -> nextViewKey++);
    }

    private record View(long objId, long asOf) {
    }

    private final Map<View, Long> viewKeys = new HashMap<>();
    private long nextViewKey = 2;

    /** {@code hammer_vfs_statfs}: space in 16 KB buffers (HAMMER_BUFSIZE); inodes are not limited. */
    @Override
    public FsCapacity statfs() {
        VolumeHeader h = fs.volume().header();
        long per = h.bigBlockSize() / BUFSIZE;
        long blocks = h.statBigBlocks() * per;
        long free = h.statFreeBigBlocks() * per;
        return new FsCapacity(BUFSIZE, blocks, free, blocks, free);
    }

    private static final int BUFSIZE = 16 * 1024;

    /**
     * {@code hammer_vfs_sync}: with {@code waitFor} the flusher flushes and commits everything and the caller waits
     * ({@code hammer_flusher_sync}); without, the flusher is only asked to run ({@code hammer_flusher_async}).
     */
    @Override
    public void sync(boolean waitFor) {
        if (readOnly) {
            return;
        }
        if (host.curcpu() < 0) {
            call(fs::sync);
        } else if (waitFor) {
            flusher.syncAndWait();
        } else {
            flusher.async();
        }
    }

    /** Stops the flusher, syncs (a forced unmount gives up what cannot be written) and lets go of the volume. */
    @Override
    public void unmount(boolean force) {
        flusher.stop();
        call(() -> {
            try {
                fs.close();
            } catch (HammerException e) {
                if (!force) {
                    throw e;
                }
                fs.discard();
            }
            return null;
        });
    }

    /**
     * Runs a HAMMER operation as a VOP does: under the mount's token and lock (on a simulated thread; the host thread
     * at boot has no concurrency), its failure turned into the errno the caller returns.
     */
    <T> T call(Supplier<T> op) {
        int cpu = host.curcpu();
        long td = host.curthread();
        if (cpu >= 0) {
            host.gettoken(token, false);
            lock.lockExclusive(cpu, td);
        }
        try {
            T out = op.get();
            committed();
            return out;
        } catch (HammerException e) {
            throw error(e);
        } finally {
            if (cpu >= 0) {
                lock.release(host.curcpu(), td);
                host.reltoken();
            }
        }
    }

    /**
     * hammer_flusher_finalize: a flush that moved flush_tid1 wakes whoever waits for it (mirror-stream's
     * HAMMERIOC_WAI_PSEUDOFS on a master), whichever PFSs it touched.
     */
    private void committed() {
        long tid = fs.lastTid();
        if (tid != flushTid1) {
            flushTid1 = tid;
            wake(flushTid1Ident);
        }
    }

    /** hammer_ioc_set_pseudofs's wakeup: a PFS's configuration (a slave's sync_end_tid) may have changed. */
    void pseudofsChanged(int pfs) {
        Long ident = pfsIdents.get(pfs);
        if (ident != null) {
            wake(ident);
        }
    }

    private void wake(long ident) {
        wakeups++;
        if (host.curcpu() >= 0) {
            host.kthreads().wakeup(ident);
        }
    }

    /**
     * HAMMERIOC_WAI_PSEUDOFS (hammer_ioc_wait_pseudofs): if the PFS has not synced past {@code sync_end_tid} (a
     * master: flush_tid1; a slave: its own sync_end_tid), sleeps once until it may have (a flush that moves
     * flush_tid1, or a change of the slave's configuration), then answers with the PFS's fields, as GET does; the
     * caller looks again. {@code timeout} (virtual ns, 0 or absent: none) stands in for the signal that ends
     * DragonFly's PCATCH sleep, which the model's sleeps do not take.
     */
    Map<String, String> waitPseudofs(int pfs, Map<String, String> args) {
        if (!args.containsKey("sync_end_tid")) {
            throw new FsException(Errno.EINVAL, HammerIoctl.WAIT + " needs sync_end_tid, the TID to wait past");
        }
        long since = HammerIoctl.tid(args.get("sync_end_tid"));
        long timeout;
        try {
            timeout = Long.parseLong(args.getOrDefault("timeout", "0"));
        } catch (NumberFormatException e) {
            throw new FsException(Errno.EINVAL, "timeout must be virtual nanoseconds, not '" + args.get("timeout")
                    + "'");
        }
        if (timeout < 0) {
            throw new FsException(Errno.EINVAL, "timeout must be 0 (none) or more nanoseconds, not " + timeout);
        }
        long[] seen = new long[2];
        boolean slave = call(() -> {
            PseudoFsData d = fs.pseudofs(pfs);
            seen[0] = d.syncEndTid();
            seen[1] = wakeups;
            return d.slave();
        });
        long ident = slave ? pfsIdents.computeIfAbsent(pfs, p -> host.kthreads().newIdent()) : flushTid1Ident;
        // a wakeup between the look and the sleep would be lost: then do not sleep
        if (Long.compareUnsigned(seen[0], since) <= 0 && seen[1] == wakeups && host.curcpu() >= 0) {
            host.kthreads().tsleep(ident, "hmrmwt", timeout);
        }
        return call(() -> HammerIoctl.fields(pfs, fs.pseudofs(pfs)));
    }

    void run(Runnable op) {
        call(() -> {
            op.run();
            return null;
        });
    }

    static FsException error(HammerException e) {
        return new FsException(Errno.valueOf(e.errno().name()), e.getMessage());
    }

    void charge(long cycles) {
        host.charge(cycles);
    }

    @Override
    public String toString() {
        return "hammer on " + deviceName;
    }
}
