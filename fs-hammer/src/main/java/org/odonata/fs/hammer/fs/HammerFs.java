package org.odonata.fs.hammer.fs;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.alloc.Slop;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.check.HammerCheck;
import org.odonata.fs.hammer.check.Problem;
import org.odonata.fs.hammer.cleanup.PrunePolicy;
import org.odonata.fs.hammer.cleanup.PruneReport;
import org.odonata.fs.hammer.cleanup.PfsRollback;
import org.odonata.fs.hammer.cleanup.Pruner;
import org.odonata.fs.hammer.cleanup.ReblockReport;
import org.odonata.fs.hammer.cleanup.Reblocker;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.fifo.FifoRecord;
import org.odonata.fs.hammer.fifo.Recovery;
import org.odonata.fs.hammer.fifo.RecoveryReport;
import org.odonata.fs.hammer.fifo.UndoFifo;
import org.odonata.fs.hammer.fifo.UndoSpan;
import org.odonata.fs.hammer.flush.Flusher;
import org.odonata.fs.hammer.inode.Inode;
import org.odonata.fs.hammer.inode.InodeTable;
import org.odonata.fs.hammer.lock.LockStats;
import org.odonata.fs.hammer.mirror.MirrorRead;
import org.odonata.fs.hammer.mirror.MirrorStream;
import org.odonata.fs.hammer.mirror.MirrorStreamException;
import org.odonata.fs.hammer.mirror.MirrorWrite;
import org.odonata.fs.hammer.object.DirHash;
import org.odonata.fs.hammer.object.FileBlocks;
import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.object.PseudoFsData;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.object.Snapshot;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.volume.Volume;

/**
 * A mounted HAMMER filesystem: the file API a VFS wraps. Changes accumulate in memory (inodes with dirty
 * blocks and pending entries) and reach the disk through the flusher: every {@value #AUTOFLUSH_OPS}
 * operations or {@value #AUTOFLUSH_BYTES} dirty bytes, on {@link #sync}, and on {@link #fsync} according to
 * the {@link FsyncMode}. Reads see the changes in memory first and the B-tree second. Paths are absolute
 * ({@code /a/b}); a component may carry {@code @@0x<16 hex>} to read as of that TID, which makes the rest
 * of the path historical and read-only. Failures throw {@link HammerException} naming the path and an
 * {@link Errno}; corruption throws {@link HammerCorruptionException}. Not thread-safe: one caller at a time
 * (the VFS serializes). Costs: a path component is one directory lookup (a B-tree search); a read or write
 * touches one record per 16 KB or 64 KB file block.
 */
public final class HammerFs implements AutoCloseable {

    static final int AUTOFLUSH_OPS = 2048;
    static final long AUTOFLUSH_BYTES = 32L * 1024 * 1024;
    /** vfs.hammer.limit_redo: REDO bytes per inode before fsync falls back to a full flush. */
    static final long LIMIT_REDO = 4L * 1024 * 1024;
    private static final int MAX_PATH_DEPTH = 4096;

    /** A resolved object: its id and attributes, as of a TID ({@link BTree#AS_OF_NOW} = current view). */
    private record View(long objId, InodeData data, long asOf, long versionTid) {

        boolean now() {
            return asOf == BTree.AS_OF_NOW;
        }
    }

    private final Volume vol;
    private final Blockmap blockmap;
    private final BTree tree;
    private final ObjectStore store;
    private final UndoFifo fifo;
    private final LockStats lockStats = new LockStats();
    private final InodeTable inodes;
    private final Flusher flusher;
    private final MountOptions options;
    private RecoveryReport recovery;
    private int opsSinceFlush;
    private long bytesSinceFlush;
    private boolean closed;
    /** Set by a VFS adapter: the automatic flush is handed to its flusher thread instead of running here. */
    private Runnable flushRequest;
    /**
     * PFS configurations as the media holds them once the pending ones are flushed (DragonFly's hammer_pfs_rb_tree of
     * loaded pseudofs_inmem), so a write into a PFS checks its mode without a B-tree search.
     */
    private final Map<Integer, Optional<PseudoFsData>> pfsOnMedia = new HashMap<>();
    /** Set by a VFS adapter: a file whose last link goes keeps its data until {@link #inactive} (it may be open). */
    private boolean keepUnlinkedData;

    private HammerFs(Volume vol, MountOptions options, RecoveryReport recovery) {
        this.vol = vol;
        this.options = options;
        this.recovery = recovery;
        this.blockmap = new Blockmap(vol);
        this.tree = new BTree(vol, blockmap, options.threads(), lockStats);
        this.store = new ObjectStore(vol, blockmap, tree);
        this.inodes = new InodeTable(options.threads(), lockStats);
        tree.root();
        UndoSpan span = recovery.span();
        this.fifo = new UndoFifo(vol, span.end(), span.endSeq());
        this.flusher = new Flusher(vol, blockmap, store, fifo, inodes, options.clock(), options.observer(),
                options.threads(), lockStats);
    }

    /** Formats the device (see {@link NewfsOptions}) and returns it mounted with an empty root directory. */
    public static HammerFs newfs(BlockDevice device, NewfsOptions newfs, MountOptions mount) {
        Newfs.format(device, newfs);
        HammerFs fs = open(device, mount.readOnly() ? new MountOptions(false, mount.clock(), mount.fsyncMode(),
                mount.observer(), mount.threads()) : mount);
        long now = mount.clock().getAsLong();
        Inode root = new Inode(RecordType.ROOT_OBJID, fs.created(new InodeData(RecordType.OBJ_DIRECTORY, 0755, 1, 0,
                RecordType.ROOT_OBJID, now, now, now)), 0);
        root.metaDirty = true;
        fs.inodes.put(root);
        fs.inodes.dirty(root);
        fs.sync();
        return fs;
    }

    /**
     * Mounts a volume: checks the header, runs recovery stage 1 (UNDO), and on a read-write mount stage 2
     * (REDO replay followed by a sync). Throws {@link HammerCorruptionException} for a corrupt volume.
     */
    public static HammerFs mount(BlockDevice device, MountOptions options) {
        HammerFs fs = open(device, options);
        fs.checkNextTid();
        if (fs.inode(RecordType.ROOT_OBJID) == null) {
            throw fs.firstFault(new HammerCorruptionException("root inode", fs.vol.header().btreeRoot(),
                    "no live INODE record for object 1 in the B-tree"));
        }
        if (!options.readOnly()) {
            fs.replayRedo();
        }
        return fs;
    }

    /**
     * Every TID in the tree is at most the root's mirror_tid (hammer_btree_mirror_propagate keeps it the
     * maximum), so a header whose next_tid is not above it would make new changes older than existing history:
     * refused. One comparison; DragonFly loads vol0_next_tid without this check.
     */
    private void checkNextTid() {
        long newest = tree.root().mirrorTid();
        long next = vol.header().nextTid();
        if (Long.compareUnsigned(next, newest) <= 0) {
            throw new HammerCorruptionException("volume header", 720, "next TID " + PathName.tid(next)
                    + " is not above the B-tree's newest TID " + PathName.tid(newest)
                    + " (the root's mirror_tid): new changes would be older than existing history");
        }
    }

    /**
     * A mount failure that is a symptom (no root inode) is replaced by the first structural fault the checker
     * finds, which names the real damage; the symptom stays in the message. Only runs when mount already failed.
     */
    private HammerCorruptionException firstFault(HammerCorruptionException symptom) {
        List<Problem> problems = HammerCheck.run(vol, blockmap, tree, store).problems();
        if (problems.isEmpty()) {
            return symptom;
        }
        Problem p = problems.get(0);
        return new HammerCorruptionException(p.structure(), p.offset(), p.check() + " (mount found: "
                + symptom.getMessage() + ")");
    }

    private static HammerFs open(BlockDevice device, MountOptions options) {
        Volume vol = new Volume(device, Volume.readHeader(device), options.readOnly());
        return new HammerFs(vol, options, Recovery.stage1(vol));
    }

    /** Recovery stage 2: replays REDO through the front end and syncs; or just retires a recovered span. */
    private void replayRedo() {
        UndoSpan span = recovery.span();
        if (recovery.redo().isEmpty()) {
            if (!span.records().isEmpty()) {
                flusher.recovered(span.end(), span.endSeq());
                flusher.retire();
            }
            return;
        }
        int replayed = 0;
        for (FifoRecord r : recovery.redo()) {
            Inode ip = inode(r.objId());
            if (ip == null || ip.data.isDirectory()) {
                continue;
            }
            if (r.flags() == FifoRecord.REDO_WRITE) {
                writeInode(ip, r.target(), r.payload());
            } else {
                truncateInode(ip, r.target());
            }
            replayed++;
        }
        recovery = recovery.withReplayed(replayed);
        flusher.sync();
    }

    // ---- lookups ----

    /** The object id a path names. */
    public long lookup(String path) {
        return resolve(path, BTree.AS_OF_NOW).objId();
    }

    /** The object id a path named as of a TID. */
    public long lookup(String path, long asOf) {
        return resolve(path, asOf).objId();
    }

    public Stat stat(String path) {
        return stat(resolve(path, BTree.AS_OF_NOW));
    }

    public Stat stat(String path, long asOf) {
        return stat(resolve(path, asOf));
    }

    /** Whether a path names an object now. */
    public boolean exists(String path) {
        try {
            resolve(path, BTree.AS_OF_NOW);
            return true;
        } catch (HammerException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
    }

    /** A directory's entries, sorted by name. */
    public List<DirEntry> readdir(String path) {
        return readdir(resolveDir(path, BTree.AS_OF_NOW), path);
    }

    public List<DirEntry> readdir(String path, long asOf) {
        return readdir(resolveDir(path, asOf), path);
    }

    /** Up to {@code length} bytes from {@code offset}; fewer at the end of the file. */
    public byte[] read(String path, long offset, int length) {
        return read(resolve(path, BTree.AS_OF_NOW), path, offset, length);
    }

    public byte[] read(String path, long asOf, long offset, int length) {
        return read(resolve(path, asOf), path, offset, length);
    }

    // ---- changes ----

    /** Creates an empty regular file; returns its object id. */
    public long create(String path) {
        return createObject(path, RecordType.OBJ_REGFILE, 0644);
    }

    /** Creates an empty directory; returns its object id. */
    public long mkdir(String path) {
        return createObject(path, RecordType.OBJ_DIRECTORY, 0755);
    }

    public void write(String path, long offset, byte[] data) {
        checkWriteRange(offset, data.length, path);
        writeData(writableFile(path), offset, data, path);
    }

    public void truncate(String path, long size) {
        checkSize(size, path);
        truncate(writableFile(path), size, path);
    }

    public void unlink(String path) {
        Parent p = parentOf(path, true);
        removeName(p.dir, p.name, path, false);
    }

    public void rmdir(String path) {
        Parent p = parentOf(path, true);
        removeName(p.dir, p.name, path, true);
    }

    private static void checkWriteRange(long offset, int length, String what) {
        if (offset < 0) {
            throw new HammerException(Errno.EINVAL, what + " (negative offset)");
        }
        if (length > 0 && offset > FileBlocks.MAX_FILE_SIZE - length) {
            throw new HammerException(Errno.EFBIG, what + " (" + length + " bytes at offset " + offset
                    + " end past the largest file, " + FileBlocks.MAX_FILE_SIZE + " bytes)");
        }
    }

    private static void checkSize(long size, String what) {
        if (size < 0) {
            throw new HammerException(Errno.EINVAL, what + " (negative size)");
        }
        if (size > FileBlocks.MAX_FILE_SIZE) {
            throw new HammerException(Errno.EFBIG, what + " (size " + size + " is past the largest file, "
                    + FileBlocks.MAX_FILE_SIZE + " bytes)");
        }
    }

    private void writeData(Inode ip, long offset, byte[] data, String what) {
        inodes.lock(ip);
        try {
            checkSpace(Slop.WRITE, newBlockBytes(ip, offset, data.length), what);
            writeInode(ip, offset, data);
        } finally {
            inodes.unlock(ip);
        }
        changed(data.length);
    }

    private void truncate(Inode ip, long size, String what) {
        inodes.lock(ip);
        try {
            checkSpace(Slop.REMOVE, 0, what);
            truncateInode(ip, size);
        } finally {
            inodes.unlock(ip);
        }
        changed(0);
    }

    /**
     * unlink and rmdir (hammer_dounlink): resolves the name, locks the directory and the inode it names, checks
     * again under the locks that the name still names it (retrying if another thread changed it meanwhile), then
     * removes the entry and the link.
     */
    private void removeName(Inode parent, String name, String what, boolean dir) {
        for (;;) {
            checkSpace(Slop.REMOVE, 0, what);
            long target = childOf(parent, name);
            if (target == 0) {
                throw new HammerException(Errno.ENOENT, what);
            }
            Inode child = existing(target, what);
            inodes.lock(parent, child);
            try {
                if (childOf(parent, name) != target) {
                    continue;
                }
                if (child.data.isDirectory() != dir) {
                    throw new HammerException(dir ? Errno.ENOTDIR : Errno.EISDIR, what);
                }
                if (dir && !currentEntries(child).isEmpty()) {
                    throw new HammerException(Errno.ENOTEMPTY, what);
                }
                removeEntry(parent, name);
                if (dir) {
                    child.removed = true;
                    child.metaDirty = true;
                } else {
                    dropLink(child);
                }
                inodes.dirty(parent, child);
            } finally {
                inodes.unlock(parent, child);
            }
            changed(0);
            return;
        }
    }

    /** Adds a hard link {@code newPath} to the regular file {@code existingPath}. */
    public void link(String existingPath, String newPath) {
        View src = resolve(existingPath, BTree.AS_OF_NOW);
        checkWritable(PathName.parse(existingPath), existingPath);
        if (src.data().isDirectory()) {
            throw new HammerException(Errno.EPERM, existingPath + " (hard link to a directory)");
        }
        Parent p = parentOf(newPath, false);
        link(existing(src.objId(), existingPath), p.dir, p.name, newPath);
    }

    private void link(Inode ip, Inode dir, String name, String what) {
        if (Localization.pfs(ip.objId) != Localization.pfs(dir.objId)) {
            throw new HammerException(Errno.EXDEV, what + " (a hard link cannot cross PFSs, hammer_vop_nlink)");
        }
        inodes.lock(dir, ip);
        try {
            if (childOf(dir, name) != 0) {
                throw new HammerException(Errno.EEXIST, what);
            }
            checkSpace(Slop.CREATE, 0, what);
            long now = now();
            ip.data = ip.data.withLinks(ip.data.nlinks() + 1, now);
            ip.metaDirty = true;
            addEntry(dir, name, ip);
            inodes.dirty(dir, ip);
        } finally {
            inodes.unlock(dir, ip);
        }
        changed(0);
    }

    /** Renames, replacing an existing target of the same kind (an empty directory, or a file). */
    public void rename(String from, String to) {
        Parent sp = parentOf(from, true);
        Parent dp = parentOf(to, false);
        rename(sp, dp, from, to);
    }

    private void rename(Parent sp, Parent dp, String from, String to) {
        if (Localization.pfs(sp.dir.objId) != Localization.pfs(dp.dir.objId)) {
            throw new HammerException(Errno.EXDEV, to + " (a rename cannot cross PFSs, hammer_vop_nrename)");
        }
        for (;;) {
            checkSpace(Slop.CREATE, 0, to);
            long src = childOf(sp.dir, sp.name);
            if (src == 0) {
                throw new HammerException(Errno.ENOENT, from);
            }
            long dst = childOf(dp.dir, dp.name);
            if (dst == src) {
                return;
            }
            Inode sip = existing(src, from);
            Inode dip = dst == 0 ? null : existing(dst, to);
            Inode[] locked = dip == null ? new Inode[] {sp.dir, dp.dir, sip} : new Inode[] {sp.dir, dp.dir, sip, dip};
            inodes.lock(locked);
            try {
                if (childOf(sp.dir, sp.name) != src || childOf(dp.dir, dp.name) != dst) {
                    continue;
                }
                renameLocked(sp, dp, sip, dip, from, to);
            } finally {
                inodes.unlock(locked);
            }
            changed(0);
            return;
        }
    }

    /** rename with every inode it changes locked and the names checked: the checks that read, then the change. */
    private void renameLocked(Parent sp, Parent dp, Inode sip, Inode dip, String from, String to) {
        boolean dir = sip.data.isDirectory();
        if (dir) {
            long p = dp.dir.objId;
            for (int depth = 0; depth < MAX_PATH_DEPTH; depth++) {
                if (p == sip.objId) {
                    throw new HammerException(Errno.EINVAL, to + " (inside " + from + ")");
                }
                if (p == RecordType.ROOT_OBJID) {
                    break;
                }
                p = existing(p, to).data.parentObjId();
            }
        }
        if (dip != null) {
            if (dip.data.isDirectory() && !dir) {
                throw new HammerException(Errno.EISDIR, to);
            }
            if (!dip.data.isDirectory() && dir) {
                throw new HammerException(Errno.ENOTDIR, to);
            }
            if (dir && !currentEntries(dip).isEmpty()) {
                throw new HammerException(Errno.ENOTEMPTY, to);
            }
        }
        // Everything read: from here on nothing blocks.
        if (dip != null) {
            if (dir) {
                dip.removed = true;
                dip.metaDirty = true;
            } else {
                dropLink(dip);
            }
        }
        long now = now();
        addEntry(dp.dir, dp.name, sip);
        removeEntry(sp.dir, sp.name);
        sip.data = dir ? sip.data.withParent(dp.dir.objId, now) : sip.data.withLinks(sip.data.nlinks(), now);
        sip.metaDirty = true;
        if (dip == null) {
            inodes.dirty(sp.dir, dp.dir, sip);
        } else {
            inodes.dirty(sp.dir, dp.dir, sip, dip);
        }
    }

    /**
     * Makes a file's data durable according to the mount's {@link FsyncMode}. In the REDO modes an inode
     * whose only pending changes are data writes and truncations gets REDO records; anything else (a new
     * inode, links, renames, directories) is made durable by a full sync.
     */
    public void fsync(String path) {
        View v = resolve(path, BTree.AS_OF_NOW);
        checkWritable(PathName.parse(path), path);
        fsync(existing(v.objId(), path));
    }

    private void fsync(Inode ip) {
        switch (options.fsyncMode()) {
            case IGNORE -> {
            }
            case FULL_SYNC -> sync();
            case RELAXED -> flusher.flush();
            case REDO, REDO_FLUSH -> fsyncRedo(ip);
        }
    }

    private void fsyncRedo(Inode ip) {
        List<FifoRecord> records;
        for (;;) {
            // commits what a finished group flushed, after waiting for one under way
            flusher.retire();
            inodes.lock(ip);
            try {
                if (ip.flushing != null) {
                    continue;
                }
                if (!ip.dirty()) {
                    return;
                }
                records = !ip.onMedia() || ip.data.isDirectory() || ip.metaDirty || ip.removed || inodes.linked(ip)
                        ? null : redoRecords(ip);
            } finally {
                inodes.unlock(ip);
            }
            break;
        }
        long bytes = 0;
        for (FifoRecord r : records == null ? List.<FifoRecord>of() : records) {
            bytes += r.size();
        }
        if (records == null || ip.redoBytes + bytes > LIMIT_REDO
                || !flusher.redo(records, options.fsyncMode() == FsyncMode.REDO)) {
            sync();
            return;
        }
        ip.redoBytes += bytes;
    }

    /** The inode's whole pending data state as REDO: the truncation, every dirty block, the final size. */
    private static List<FifoRecord> redoRecords(Inode ip) {
        List<FifoRecord> out = new ArrayList<>();
        if (ip.truncatedTo >= 0) {
            out.add(FifoRecord.redo(FifoRecord.REDO_TRUNC, ip.objId, ip.truncatedTo, new byte[0]));
        }
        long size = ip.data.size();
        for (Map.Entry<Long, byte[]> b : ip.blocks().entrySet()) {
            long base = b.getKey();
            int len = (int) Math.min(b.getValue().length, size - base);
            if (len > 0) {
                out.add(FifoRecord.redo(FifoRecord.REDO_WRITE, ip.objId, base, Arrays.copyOf(b.getValue(), len)));
            }
        }
        out.add(FifoRecord.redo(FifoRecord.REDO_TRUNC, ip.objId, size, new byte[0]));
        return out;
    }

    /** Flushes everything and commits it; returns the TID as of which all of it is visible. */
    public long sync() {
        checkOpen();
        if (vol.readOnly()) {
            return flusher.lastTid();
        }
        long tid = flusher.sync();
        opsSinceFlush = 0;
        bytesSinceFlush = 0;
        return tid;
    }

    // ---- snapshots ----

    /** Syncs, then records a snapshot of the synced state under {@code label}. */
    public Snapshot snapshot(String label) {
        checkWritable(PathName.parse("/"), "/");
        long tid = sync();
        Snapshot s = new Snapshot(tid, now(), label);
        Inode root = existing(RecordType.ROOT_OBJID, "/");
        inodes.lock(root);
        try {
            root.snapshots.put(tid, s);
            inodes.dirty(root);
        } finally {
            inodes.unlock(root);
        }
        sync();
        return s;
    }

    /** Snapshots, oldest first. */
    public List<Snapshot> snapshots() {
        TreeMap<Long, Snapshot> out = new TreeMap<>(Long::compareUnsigned);
        for (Snapshot s : store.snapshots(BTree.AS_OF_NOW)) {
            out.put(s.tid(), s);
        }
        Inode root = inodes.get(RecordType.ROOT_OBJID);
        if (root != null) {
            for (Inode i : root.flushing == null ? List.of(root) : List.of(root.flushing, root)) {
                for (Map.Entry<Long, Snapshot> e : i.snapshots.entrySet()) {
                    if (e.getValue() == null) {
                        out.remove(e.getKey());
                    } else {
                        out.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Deletes the snapshot of a TID (its record gets a delete_tid, as everything in HAMMER). */
    public void deleteSnapshot(long tid) {
        checkWritable(PathName.parse("/"), "/");
        if (snapshots().stream().noneMatch(s -> s.tid() == tid)) {
            throw new HammerException(Errno.ENOENT, "snapshot " + PathName.tid(tid));
        }
        Inode root = existing(RecordType.ROOT_OBJID, "/");
        inodes.lock(root);
        try {
            root.snapshots.put(tid, null);
            inodes.dirty(root);
        } finally {
            inodes.unlock(root);
        }
        sync();
    }

    /**
     * Every version of the object a path names (now, or as of the path's {@code @@} TID), oldest first: each
     * INODE record with its lifetime. Flushes first so the list includes changes still in memory.
     */
    public List<FileVersion> history(String path) {
        long objId = resolve(path, BTree.AS_OF_NOW).objId();
        sync();
        List<FileVersion> out = new ArrayList<>();
        for (ObjectStore.InodeRecord r : store.inodeVersions(objId)) {
            BTreeElement e = r.element();
            out.add(new FileVersion(e.createTid(), e.deleteTid(), Integer.toUnsignedLong(e.createTs()),
                    Integer.toUnsignedLong(e.deleteTs()), r.data().size(), r.data().nlinks()));
        }
        return out;
    }

    // ---- cleanup ----

    /**
     * Syncs, then physically removes the history {@code policy} selects, keeping whatever a snapshot still
     * shows (see {@link Pruner}). Afterwards reads as of a TID inside a pruned interval may no longer find the
     * versions that lived only inside it; reads as of a snapshot, or outside every interval, are unchanged.
     */
    public PruneReport prune(PrunePolicy policy) {
        checkWritable(PathName.parse("/"), "/");
        syncIfPossible();
        List<Long> tids = new ArrayList<>();
        for (Snapshot s : snapshots()) {
            tids.add(s.tid());
        }
        return new Pruner(store, flusher).run(policy, tids);
    }

    /**
     * Syncs, then empties big-blocks less full than {@code fillPercent} (see {@link Reblocker}); on a nearly full
     * volume it stops where hammer_checkspace's removal reserve begins and says so in the report.
     */
    public ReblockReport reblock(int fillPercent) {
        checkWritable(PathName.parse("/"), "/");
        syncIfPossible();
        return new Reblocker(vol, blockmap, store, flusher, () -> blockmap.hasSpace(Slop.REMOVE, inodes.reservedBytes()))
                .run(fillPercent);
    }

    /**
     * Prune and reblock sync first so their view includes recent changes; but they are how space comes back,
     * so a sync that fails for lack of space leaves those changes pending and the cleanup goes ahead.
     */
    private void syncIfPossible() {
        try {
            sync();
        } catch (HammerException e) {
            if (e.errno() != Errno.ENOSPC) {
                throw e;
            }
        }
    }

    // ---- pseudo-filesystems (hammer_pfs.c) ----

    /**
     * HAMMERIOC_GET_PSEUDOFS (hammer_ioc_get_pseudofs): a PFS's configuration; a master's {@code sync_end_tid} is the
     * last committed flush TID (flush_tid1). ENOENT for a PFS never made or destroyed; PFS 0 is always there.
     */
    public PseudoFsData pseudofs(int pfs) {
        checkOpen();
        PseudoFsData d = pfsConfig(checkPfsId(pfs));
        if (d == null) {
            throw new HammerException(Errno.ENOENT, "PFS #" + pfs + " (no such PFS)");
        }
        return d.slave() ? d : d.withSyncEndTid(flusher.lastTid());
    }

    /**
     * HAMMERIOC_SET_PSEUDOFS for a new PFS ({@code hammer pfs-master}/{@code pfs-slave}: init_pfsd, then
     * hammer_ioc_set_pseudofs): records its configuration and, for a master, makes its root directory
     * (hammer_mkroot_pseudofs; a slave's root comes from its master by mirroring). The UUIDs derive from the volume
     * and the creating TID; a slave takes {@code sharedUuid} (null: a new one). EEXIST if the PFS exists.
     */
    public PseudoFsData createPseudofs(int pfs, boolean slave, UUID sharedUuid) {
        checkWritable();
        checkPfsId(pfs);
        if (pfs == Localization.ROOT_PFS || pfsConfig(pfs) != null) {
            throw new HammerException(Errno.EEXIST, "PFS #" + pfs + " exists");
        }
        InodeData root = existing(RecordType.ROOT_OBJID, "/").data;
        String seed = "hammer " + vol.header().volSize() + " " + root.ctime() + " " + vol.header().nextTid();
        PseudoFsData d = PseudoFsData.create(seed, pfs, slave, sharedUuid);
        savePseudofs(pfs, d);
        return pseudofs(pfs);
    }

    /**
     * HAMMERIOC_SET_PSEUDOFS of an existing PFS (hammer_ioc_set_pseudofs, what mirror-write does to advance a
     * slave's {@code sync_end_tid}): replaces its configuration; a master gets a root directory if it has none.
     */
    public void setPseudofs(int pfs, PseudoFsData d) {
        checkWritable();
        checkPfsId(pfs);
        if (pfsConfig(pfs) == null) {
            throw new HammerException(Errno.ENOENT, "PFS #" + pfs + " (no such PFS)");
        }
        if (pfs == Localization.ROOT_PFS && d.slave()) {
            throw new HammerException(Errno.EINVAL, "PFS #0 cannot be made a slave (only PFS sub-directories can)");
        }
        savePseudofs(pfs, d);
    }

    /**
     * HAMMERIOC_UPG_PSEUDOFS (hammer_ioc_upgrade_pseudofs): a slave becomes a master after everything past its
     * {@code sync_end_tid} (a partial sync) is rolled back (hammer_pfs_rollback). DragonFly ignores the upgrade of a
     * master; this model says so (EINVAL), as it refuses PFS 0 (cmd_pseudofs.c).
     */
    public void upgradePseudofs(int pfs) {
        PseudoFsData d = changeablePfs(pfs, "upgrade");
        if (!d.slave()) {
            throw new HammerException(Errno.EINVAL, "PFS #" + pfs + " is already a master");
        }
        unloadPfs(pfs);
        new PfsRollback(store, flusher).run(pfs, d.syncEndTid() + 1);
        savePseudofs(pfs, d.withFlags(d.mirrorFlags() & ~PseudoFsData.SLAVE));
    }

    /**
     * HAMMERIOC_DGD_PSEUDOFS (hammer_ioc_downgrade_pseudofs): a master becomes a read-only slave whose
     * {@code sync_end_tid} is at least the last committed flush TID; its pending changes are flushed first
     * (hammer_unload_pseudofs syncs the flusher), so it keeps everything written to it.
     */
    public void downgradePseudofs(int pfs) {
        PseudoFsData d = changeablePfs(pfs, "downgrade");
        if (d.slave()) {
            throw new HammerException(Errno.EINVAL, "PFS #" + pfs + " is already a slave");
        }
        unloadPfs(pfs);
        long flushTid = flusher.lastTid();
        savePseudofs(pfs, d.withFlags(d.mirrorFlags() | PseudoFsData.SLAVE)
                .withSyncEndTid(Long.compareUnsigned(d.syncEndTid(), flushTid) < 0 ? flushTid : d.syncEndTid()));
    }

    /**
     * HAMMERIOC_RMR_PSEUDOFS (hammer_ioc_destroy_pseudofs): physically removes every record of the PFS, history
     * included (hammer_pfs_rollback to 0), and marks its configuration DELETED, so its id is free again. Returns
     * the records removed. PFS 0 cannot be destroyed.
     */
    public int destroyPseudofs(int pfs) {
        PseudoFsData d = changeablePfs(pfs, "destroy");
        unloadPfs(pfs);
        int removed = new PfsRollback(store, flusher).run(pfs, 0);
        savePseudofs(pfs, d.withFlags(d.mirrorFlags() | PseudoFsData.DELETED));
        return removed;
    }

    /** Every PFS that exists, by id, PFS 0 first (HAMMERIOC_SCAN_PSEUDOFS). */
    public SortedMap<Integer, PseudoFsData> pseudofsList() {
        checkOpen();
        SortedMap<Integer, PseudoFsData> out = new TreeMap<>();
        out.put(Localization.ROOT_PFS, pseudofs(Localization.ROOT_PFS));
        for (int pfs : store.pseudofsAll().keySet()) {
            PseudoFsData d = pfsConfig(pfs);
            if (d != null) {
                out.put(pfs, pseudofs(pfs));
            }
        }
        Inode root = inodes.get(RecordType.ROOT_OBJID);
        if (root != null) {
            for (Inode i : root.flushing == null ? List.of(root) : List.of(root.flushing, root)) {
                for (int pfs : i.pseudofs.keySet()) {
                    if (pfsConfig(pfs) != null) {
                        out.put(pfs, pseudofs(pfs));
                    }
                }
            }
        }
        return out;
    }

    // ---- mirroring (hammer_mirror.c) ----

    /**
     * hammer mirror-read: syncs, then writes PFS {@code pfs}'s records changed after {@code since} (so tid_beg is
     * {@code since + 1}; 0 for everything) and up to tid_end to
     * {@code out} as a {@link MirrorStream}, where tid_end is the PFS's sync_end_tid (a master's: the last committed
     * flush). PFS 0 is refused: the model's PFS 0 obj_ids are full TIDs that a slave PFS cannot hold ({@link
     * Localization}).
     */
    public MirrorRead.Report mirrorRead(int pfs, long since, OutputStream out) {
        checkOpen();
        if (checkPfsId(pfs) == Localization.ROOT_PFS) {
            throw new HammerException(Errno.EINVAL, "PFS #0 cannot be mirrored in this model (its obj_ids are full"
                    + " TIDs, a slave PFS keeps 47 bits): mirror a PFS made with pfs-master");
        }
        if (!vol.readOnly()) {
            sync();
        }
        PseudoFsData d = pseudofs(pfs);
        if (Long.compareUnsigned(since, d.syncEndTid()) > 0) {
            throw new HammerException(Errno.EINVAL, "mirror-read of PFS #" + pfs + " since " + PathName.tid(since)
                    + ": that is after its sync_end_tid " + PathName.tid(d.syncEndTid()));
        }
        return MirrorRead.run(store, pfs, d.sharedUuid(), since + 1, d.syncEndTid(), out);
    }

    /**
     * hammer mirror-write: checks the whole stream first (a truncated, corrupt, reordered stream, or one of a PFS
     * with another shared UUID, or starting after this slave's sync_end_tid, is refused naming the byte, and nothing
     * changes), then applies it to slave PFS {@code pfs} ({@link MirrorWrite}) and, once all of it is committed,
     * advances sync_end_tid to the stream's tid_end in a flush group of its own: a crash leaves the old or the new
     * sync_end_tid and the slave's view at it whole. A stream ending at or before the slave's sync_end_tid changes
     * nothing.
     */
    public MirrorWrite.Report mirrorWrite(int pfs, byte[] stream) {
        checkOpen();
        if (vol.readOnly()) {
            throw new HammerException(Errno.EROFS, "mirror-write to PFS #" + pfs + " (read-only mount)");
        }
        MirrorStream.Parsed s = MirrorStream.parse(stream);
        PseudoFsData d = pseudofs(checkPfsId(pfs));
        if (!d.slave()) {
            throw new HammerException(Errno.EINVAL, "mirror-write to PFS #" + pfs + ": it is a master; the target of a"
                    + " mirror must be a slave (hammer:pfs-slave, or pfs-downgrade)");
        }
        MirrorStream.Header h = s.header();
        if (!h.sharedUuid().equals(d.sharedUuid())) {
            throw new MirrorStreamException(16, "the stream is of a PFS with shared UUID " + h.sharedUuid()
                    + ", PFS #" + pfs + " mirrors " + d.sharedUuid() + " (wrong PFS)");
        }
        if (Long.compareUnsigned(h.tidBeg() - 1, d.syncEndTid()) > 0) {
            throw new MirrorStreamException(32, "the stream holds the changes after TID " + PathName.tid(h.tidBeg() - 1)
                    + ", PFS #" + pfs + " is synced only to " + PathName.tid(d.syncEndTid())
                    + ": the changes between them would be missing (mirror-read --since " + PathName.tid(d.syncEndTid())
                    + ")");
        }
        if (Long.compareUnsigned(h.tidEnd(), d.syncEndTid()) <= 0) {
            // nothing the slave lacks; an older stream's gap deletions would fall before its sync_end_tid
            return new MirrorWrite.Report(0, 0, 0, 0);
        }
        sync();
        unloadPfs(pfs);
        MirrorWrite.Report r = new MirrorWrite(vol, store, flusher).run(pfs, s, (int) (now() / 1_000_000_000L));
        savePseudofs(pfs, d.withSyncEndTid(h.tidEnd()));
        return r;
    }

    /** The PFS an inode number belongs to. */
    public static int pfsOf(long objId) {
        return Localization.pfs(objId);
    }

    private static int checkPfsId(int pfs) {
        if (pfs < 0 || pfs >= Localization.MAX_PFS) {
            throw new HammerException(Errno.EINVAL, "PFS id " + pfs + " is out of range (0.." + (Localization.MAX_PFS - 1)
                    + ")");
        }
        return pfs;
    }

    /** A PFS other than 0 that exists, synced so its pending changes are on the media (cmd_pseudofs.c's checks). */
    private PseudoFsData changeablePfs(int pfs, String what) {
        checkWritable();
        checkPfsId(pfs);
        if (pfs == Localization.ROOT_PFS) {
            throw new HammerException(Errno.EINVAL, "you cannot " + what + " PFS #0 (it is always a master)");
        }
        PseudoFsData d = pfsConfig(pfs);
        if (d == null) {
            throw new HammerException(Errno.ENOENT, "PFS #" + pfs + " (no such PFS)");
        }
        sync();
        return d;
    }

    /** hammer_unload_pseudofs: after a sync, the PFS's inodes are read again from the B-tree. */
    private void unloadPfs(int pfs) {
        if (!inodes.unloadPfs(pfs)) {
            throw new HammerException(Errno.EBUSY, "PFS #" + pfs + " has changes being written; try again");
        }
    }

    /**
     * hammer_save_pseudofs: the configuration becomes a pending record of PFS 0's root, written by the next flush;
     * a master without a root directory gets one (hammer_mkroot_pseudofs). Syncs, as the ioctl's transaction does.
     */
    private void savePseudofs(int pfs, PseudoFsData d) {
        Inode root = existing(RecordType.ROOT_OBJID, "/");
        Inode pfsRoot = null;
        if (!d.slave() && !d.deleted() && pfs != Localization.ROOT_PFS && inode(Localization.root(pfs)) == null) {
            long now = now();
            long ino = Localization.root(pfs);
            pfsRoot = new Inode(ino, created(new InodeData(RecordType.OBJ_DIRECTORY, 0755, 1, 0, ino, now, now, now)),
                    0);
            pfsRoot.metaDirty = true;
            inodes.put(pfsRoot);
        }
        inodes.lock(root);
        try {
            root.pseudofs.put(pfs, d);
            pfsOnMedia.put(pfs, Optional.of(d));
            if (pfsRoot != null) {
                inodes.dirty(root, pfsRoot);
            } else {
                inodes.dirty(root);
            }
        } finally {
            inodes.unlock(root);
        }
        sync();
    }

    /** A PFS's configuration as the front end sees it (pending first), or null if it has none or was destroyed. */
    private PseudoFsData pfsConfig(int pfs) {
        PseudoFsData d = null;
        boolean found = false;
        Inode root = inodes.get(RecordType.ROOT_OBJID);
        if (root != null) {
            for (Inode i : root.flushing == null ? List.of(root) : List.of(root, root.flushing)) {
                if (i.pseudofs.containsKey(pfs)) {
                    d = i.pseudofs.get(pfs);
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            d = pfsOnMedia.computeIfAbsent(pfs, p -> Optional.ofNullable(store.pseudofs(p, BTree.AS_OF_NOW)))
                    .orElse(null);
        }
        if (d == null && pfs == Localization.ROOT_PFS) {
            return PseudoFsData.root();
        }
        return d == null || d.deleted() ? null : d;
    }

    /** Writes go only to masters: a slave is read-only (HAMMER_INODE_RO for its inodes, hammer_get_inode). */
    private void checkPfsWritable(long objId, String what) {
        int pfs = Localization.pfs(objId);
        if (pfs == Localization.ROOT_PFS) {
            return;
        }
        PseudoFsData d = pfsConfig(pfs);
        if (d == null) {
            throw new HammerException(Errno.ENOENT, what + " (PFS #" + pfs + " was destroyed)");
        }
        if (d.slave()) {
            throw new HammerException(Errno.EROFS, what + " (PFS #" + pfs + " is a slave: read-only)");
        }
    }

    /**
     * The root of a PFS as {@code @@<tid>:<pfs>} names it (hammer_vop_nresolve, hammer_get_inode): {@code -1} is now
     * for a master and {@code sync_end_tid} for a slave, whose view never goes past what was fully synced.
     */
    private View pfsRootView(int pfs, long asOf, String path) {
        PseudoFsData d = pfsConfig(pfs);
        if (d == null) {
            throw new HammerException(Errno.ENOENT, path + " (no PFS #" + pfs + ")");
        }
        long at = asOf == 0 || asOf == BTree.AS_OF_NOW ? (d.slave() ? d.syncEndTid() : BTree.AS_OF_NOW) : asOf;
        return view(Localization.root(pfs), at, path);
    }

    /**
     * For a VFS adapter: the root of PFS {@code pfs} as of {@code asOf} ({@link BTree#AS_OF_NOW} = now, which is
     * {@code sync_end_tid} for a slave); returns the TID the view is as of.
     */
    public long pfsRootAsOf(int pfs, long asOf) {
        checkOpen();
        checkPfsId(pfs);
        return pfsRootView(pfs, asOf, "@@" + (asOf == BTree.AS_OF_NOW ? "-1" : PathName.tid(asOf)) + ":"
                + String.format("%05d", pfs)).asOf();
    }

    /** The TID a {@code @@-1} or {@code @@0x<hex>} suffix names ({@link BTree#AS_OF_NOW} for -1); EINVAL otherwise. */
    public static long parseTid(String s) {
        return PathName.parse("/@@" + s).components().get(0).asOf();
    }

    /** The PFS id in {@code @@<tid>:<pfs>} ({@code PathName.parsePfs}); EINVAL otherwise. */
    public static int parsePfs(String s) {
        return PathName.parsePfs(s, s);
    }

    // ---- by object id, as of a TID, for a VFS adapter's historical and slave views (read-only) ----

    /** An object's attributes as of a TID, or null if it had none then. */
    public InodeData attributes(long objId, long asOf) {
        if (asOf == BTree.AS_OF_NOW) {
            return attributes(objId);
        }
        checkOpen();
        ObjectStore.InodeRecord r = store.inode(objId, asOf);
        return r == null ? null : r.data();
    }

    /** The object a directory named {@code name} as of a TID, or 0. */
    public long lookup(long dirObjId, String name, long asOf) {
        if (asOf == BTree.AS_OF_NOW) {
            return lookup(dirObjId, name);
        }
        checkOpen();
        ObjectStore.InodeRecord dir = store.inode(dirObjId, asOf);
        return dir == null ? 0 : childOf(dirObjId, dir.data().dirHash(), null, name, asOf);
    }

    /** A directory's entries as of a TID, sorted by name. */
    public List<DirEntry> entries(long dirObjId, long asOf) {
        if (asOf == BTree.AS_OF_NOW) {
            return entries(dirObjId);
        }
        checkOpen();
        String what = "directory " + dirObjId;
        return readdir(view(dirObjId, asOf, what), what);
    }

    /**
     * A directory's entries as of a TID (or now) by their directory keys, hammer_vop_readdir's cookies: an entry on
     * the media has its record's key, a pending one the key it was given when made, which the flusher writes.
     */
    public NavigableMap<Long, DirEntry> directory(long dirObjId, long asOf) {
        checkOpen();
        String what = "directory " + dirObjId;
        Inode now = asOf == BTree.AS_OF_NOW ? live(dirObjId, what) : null;
        View dir = now != null ? null : view(dirObjId, asOf, what);
        DirHash hash = now != null ? now.data.dirHash() : dir.data().dirHash();
        NavigableMap<Long, DirEntry> byKey = new TreeMap<>();
        Map<String, Long> keyOf = new HashMap<>();
        for (ObjectStore.EntryRecord r : store.entries(dirObjId, hash, asOf)) {
            byKey.put(r.element().key(), new DirEntry(r.name(), r.target(), r.objType()));
            keyOf.put(r.name(), r.element().key());
        }
        if (now == null) {
            return byKey;
        }
        for (Inode i : now.flushing == null ? List.of(now) : List.of(now.flushing, now)) {
            for (Map.Entry<String, Inode.PendingEntry> e : i.entries.entrySet()) {
                Long old = keyOf.remove(e.getKey());
                if (old != null) {
                    byKey.remove(old);
                }
                if (!e.getValue().removes()) {
                    long key = e.getValue().key();
                    byKey.put(key, new DirEntry(e.getKey(), e.getValue().target(), e.getValue().objType()));
                    keyOf.put(e.getKey(), key);
                }
            }
        }
        return byKey;
    }

    /** Up to {@code length} bytes of an object's data as of a TID. */
    public byte[] read(long objId, long asOf, long offset, int length) {
        checkOpen();
        String what = "object " + objId;
        return read(view(objId, asOf, what), what, offset, length);
    }

    // ---- by object id, for a VFS adapter: names are resolved and permissions checked by the VFS ----

    /**
     * Hands the automatic flush (every {@value #AUTOFLUSH_OPS} operations or {@value #AUTOFLUSH_BYTES} dirty bytes)
     * to {@code request}, which a VFS adapter points at its flusher thread ({@code hammer_flusher_async}), and makes
     * a file whose last link goes keep its data until {@link #inactive} (the VFS may still have it open).
     */
    public void runUnderVfs(Runnable request) {
        this.flushRequest = request;
        this.keepUnlinkedData = true;
    }

    /** The current attributes of an object, or null when it has none (removed). */
    public InodeData attributes(long objId) {
        checkOpen();
        Inode ip = inode(objId);
        return ip == null || ip.removed ? null : ip.data;
    }

    /** The object a directory names {@code name} now, or 0. */
    public long lookup(long dirObjId, String name) {
        checkOpen();
        Inode dir = inode(dirObjId);
        return dir == null || dir.removed ? 0 : childOf(dir, name);
    }

    /** A directory's entries now, sorted by name. */
    public List<DirEntry> entries(long dirObjId) {
        checkOpen();
        return new ArrayList<>(currentEntries(live(dirObjId, "directory " + dirObjId)).values());
    }

    /** Up to {@code length} bytes of an object's data from {@code offset}; fewer at its end. */
    public byte[] read(long objId, long offset, int length) {
        checkOpen();
        String what = "object " + objId;
        return read(view(objId, BTree.AS_OF_NOW, what), what, offset, length);
    }

    /** Creates an object in a directory; returns its id. */
    public long create(long dirObjId, String name, int objType, int mode, int uid, int gid, long rdev) {
        checkWritable();
        PathName.checkName(name, name);
        return create(writable(dirObjId, name), name, objType, mode, uid, gid, rdev, name);
    }

    public void write(long objId, long offset, byte[] data) {
        checkWritable();
        String what = "object " + objId;
        checkWriteRange(offset, data.length, what);
        writeData(writable(objId, what), offset, data, what);
    }

    public void truncate(long objId, long size) {
        checkWritable();
        String what = "object " + objId;
        checkSize(size, what);
        truncate(writable(objId, what), size, what);
    }

    /**
     * A chmod, chown or utimes: the non-null values replace the current ones ({@code hammer_vop_setattr}); the change
     * time is now.
     */
    public void setAttributes(long objId, Integer mode, Integer uid, Integer gid, Long atime, Long mtime) {
        checkWritable();
        Inode ip = writable(objId, "object " + objId);
        inodes.lock(ip);
        try {
            InodeData d = ip.data;
            ip.data = d.withAttributes(mode != null ? mode : d.mode(), uid != null ? uid : d.uid(),
                    gid != null ? gid : d.gid(), atime != null ? atime : d.atime(),
                    mtime != null ? mtime : d.mtime(), now());
            ip.attrDirty = true;
            inodes.dirty(ip);
        } finally {
            inodes.unlock(ip);
        }
        changed(0);
    }

    /** Removes a directory's name for a non-directory. */
    public void unlink(long dirObjId, String name) {
        checkWritable();
        removeName(writable(dirObjId, name), name, name, false);
    }

    /** Removes a directory's name for an empty directory. */
    public void rmdir(long dirObjId, String name) {
        checkWritable();
        removeName(writable(dirObjId, name), name, name, true);
    }

    /** Adds a name for the non-directory {@code objId}. */
    public void link(long objId, long dirObjId, String name) {
        checkWritable();
        PathName.checkName(name, name);
        link(live(objId, name), writable(dirObjId, name), name, name);
    }

    /** Moves {@code name} of one directory to {@code toName} of another, replacing what that names. */
    public void rename(long fromDirObjId, String name, long toDirObjId, String toName) {
        checkWritable();
        PathName.checkName(toName, toName);
        rename(new Parent(writable(fromDirObjId, name), name), new Parent(writable(toDirObjId, toName), toName), name,
                toName);
    }

    /** Makes an object's changes durable as {@link #fsync(String)} does. */
    public void fsync(long objId) {
        checkWritable();
        fsync(live(objId, "object " + objId));
    }

    /**
     * {@code VOP_INACTIVE}: the VFS let go of an object; one with no links left loses its data now (under
     * {@link #runUnderVfs}; otherwise that happened when its last link went).
     */
    public void inactive(long objId) {
        Inode ip = inodes.get(objId);
        if (ip == null || ip.removed || ip.data.isDirectory() || ip.data.nlinks() > 0 || vol.readOnly()) {
            return;
        }
        inodes.lock(ip);
        try {
            ip.removed = true;
            ip.clearBlocks();
            ip.metaDirty = true;
            inodes.dirty(ip);
        } finally {
            inodes.unlock(ip);
        }
        changed(0);
    }

    /** {@link #live}, in a PFS that may be written (not a slave): EROFS otherwise. */
    private Inode writable(long objId, String what) {
        Inode ip = live(objId, what);
        checkPfsWritable(objId, what);
        return ip;
    }

    /** The in-memory inode of an object that exists now; ENOENT for one removed (a VFS may still name it). */
    private Inode live(long objId, String what) {
        Inode ip = inode(objId);
        if (ip == null || ip.removed) {
            throw new HammerException(Errno.ENOENT, what + " (object " + objId + " was removed)");
        }
        return ip;
    }

    private void checkWritable() {
        checkOpen();
        if (vol.readOnly()) {
            throw new HammerException(Errno.EROFS, "read-only mount");
        }
    }

    // ---- seams for checkers, tools and the crash harness ----

    /** The B-tree, to walk every node and element ({@link BTree#walk}). */
    public BTree btree() {
        return tree;
    }

    /** The freemap and zone allocator, to walk every big-block ({@link Blockmap#forEachBigBlock}). */
    public Blockmap blockmap() {
        return blockmap;
    }

    /** The volume: header, geometry, device. */
    public Volume volume() {
        return vol;
    }

    /** The records of objects, to read inodes, entries and extents by object id as of any TID. */
    public ObjectStore objects() {
        return store;
    }

    /** The UNDO/REDO span as recovery would see it now. */
    public UndoSpan undoSpan() {
        return UndoFifo.scan(vol);
    }

    /** What recovery did when this filesystem was mounted. */
    public RecoveryReport recoveryReport() {
        return recovery;
    }

    /** How HAMMER's structural locks fared on this mount: contentions, EDEADLK upgrades, retries. */
    public LockStats lockStats() {
        return lockStats;
    }

    /** The TID of the last flush group. */
    public long lastTid() {
        return flusher.lastTid();
    }

    public boolean readOnly() {
        return vol.readOnly();
    }

    /**
     * Unmounts without writing what is pending, which is lost: only for a caller that asked for it explicitly
     * (a sync failed and the user chose to give the changes up). Returns how many inodes had pending changes.
     */
    public int discard() {
        int pending = 0;
        for (List<Inode> group : inodes.groups()) {
            pending += group.size();
        }
        closed = true;
        return pending;
    }

    /** Syncs (on a read-write mount) and unmounts; the device stays open. If the sync fails it stays mounted. */
    @Override
    public void close() {
        if (!closed) {
            sync();
            closed = true;
        }
    }

    // ---- internals ----

    private record Parent(Inode dir, String name) {
    }

    private long now() {
        return options.clock().getAsLong();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("filesystem is unmounted");
        }
    }

    private void checkWritable(PathName p, String path) {
        checkOpen();
        if (vol.readOnly() || p.historical()) {
            throw new HammerException(Errno.EROFS, path);
        }
    }

    /** hammer_checkspace before a change: pending changes plus {@code extra} new bytes, and the slop, must fit. */
    private void checkSpace(Slop slop, long extra, String path) {
        blockmap.checkSpace(slop, inodes.reservedBytes() + extra, path);
    }

    /** Bytes of file blocks a write would newly dirty (blocks already dirty are reserved already). */
    private static long newBlockBytes(Inode ip, long offset, int length) {
        long bytes = 0;
        for (long pos = offset; pos < offset + length; ) {
            long base = FileBlocks.base(pos);
            int len = FileBlocks.length(base);
            if (ip.block(base) == null) {
                bytes += len;
            }
            pos = base + len;
        }
        return bytes;
    }

    private void changed(long bytes) {
        opsSinceFlush++;
        bytesSinceFlush += bytes;
        if (opsSinceFlush >= AUTOFLUSH_OPS || bytesSinceFlush >= AUTOFLUSH_BYTES) {
            opsSinceFlush = 0;
            bytesSinceFlush = 0;
            if (flushRequest != null) {
                flushRequest.run();
                return;
            }
            try {
                flusher.flush();
            } catch (HammerException pendingKept) {
                // The operation itself succeeded; what could not be flushed stays pending, and the next sync,
                // fsync or unmount reports it, as DragonFly's asynchronous flusher never fails a front-end call.
            }
        }
    }

    /** The current in-memory inode of an object, loaded from its live INODE record; null if none. */
    private Inode inode(long objId) {
        Inode ip = inodes.get(objId);
        if (ip == null) {
            ObjectStore.InodeRecord r = store.inode(objId, BTree.AS_OF_NOW);
            ip = inodes.get(objId);
            if (ip != null || r == null) {
                // another thread loaded it while this one read the record: one in-memory inode per object
                return ip;
            }
            ip = new Inode(objId, r.data(), r.element().createTid());
            inodes.put(ip);
        }
        return ip;
    }

    private Inode existing(long objId, String path) {
        Inode ip = inode(objId);
        if (ip == null) {
            throw new HammerCorruptionException("directory entry", objId, "names object " + objId
                    + " which has no inode (" + path + ")");
        }
        return ip;
    }

    private View view(long objId, long asOf, String path) {
        if (asOf == BTree.AS_OF_NOW) {
            Inode ip = inode(objId);
            if (ip == null) {
                throw new HammerException(Errno.ENOENT, path);
            }
            return new View(objId, ip.data, asOf, ip.mediaTid);
        }
        ObjectStore.InodeRecord r = store.inode(objId, asOf);
        if (r == null) {
            throw new HammerException(Errno.ENOENT, path + " (as of " + PathName.tid(asOf) + ")");
        }
        return new View(objId, r.data(), asOf, r.element().createTid());
    }

    private View resolve(String path, long startAsOf) {
        checkOpen();
        PathName p = PathName.parse(path);
        View cur = view(RecordType.ROOT_OBJID, startAsOf, path);
        for (PathName.Component c : p.components()) {
            long at = c.asOf() != 0 ? c.asOf() : cur.asOf();
            if (c.pfsRoot()) {
                cur = pfsRootView(c.pfs(), c.asOf(), path);
                continue;
            }
            if (c.name().isEmpty() || c.name().equals(".")) {
                cur = at == cur.asOf() ? cur : view(cur.objId(), at, path);
                continue;
            }
            if (!cur.data().isDirectory()) {
                throw new HammerException(Errno.ENOTDIR, path);
            }
            long child = c.name().equals("..") ? cur.data().parentObjId() : childOf(cur.objId(),
                    cur.data().dirHash(), at == BTree.AS_OF_NOW ? inode(cur.objId()) : null, c.name(), at);
            if (child == 0) {
                throw new HammerException(Errno.ENOENT, path);
            }
            cur = view(child, at, path);
        }
        return cur;
    }

    private View resolveDir(String path, long asOf) {
        View v = resolve(path, asOf);
        if (!v.data().isDirectory()) {
            throw new HammerException(Errno.ENOTDIR, path);
        }
        return v;
    }

    /** The object a directory names {@code name} as of a TID; the current view sees pending entries. */
    private long childOf(long dirObjId, DirHash dirHash, Inode dirNow, String name, long asOf) {
        if (asOf == BTree.AS_OF_NOW && dirNow != null) {
            for (Inode i = dirNow; i != null; i = i == dirNow ? dirNow.flushing : null) {
                Inode.PendingEntry pe = i.entries.get(name);
                if (pe != null) {
                    return pe.target();
                }
            }
        }
        ObjectStore.EntryRecord r = store.lookup(dirObjId, dirHash, name, asOf);
        return r == null ? 0 : r.target();
    }

    /**
     * A new object's inode with the cap_flags hammer_create_inode gives it: a directory on a volume of version
     * {@link VolumeHeader#VERSION_DIRHASH_ALG1} or later hashes its names with ALG1, on an older one with ALG0.
     */
    private InodeData created(InodeData d) {
        boolean alg1 = d.isDirectory() && vol.header().version() >= VolumeHeader.VERSION_DIRHASH_ALG1;
        return d.withCapFlags(alg1 ? DirHash.ALG1.capFlag() : DirHash.ALG0.capFlag());
    }

    private long childOf(Inode dir, String name) {
        return childOf(dir.objId, dir.data.dirHash(), dir, name, BTree.AS_OF_NOW);
    }

    /** The writable directory and the last name of a path; the name must (or must not) exist per caller. */
    private Parent parentOf(String path, boolean mustExist) {
        PathName p = PathName.parse(path);
        checkWritable(p, path);
        List<PathName.Component> cs = p.components();
        if (cs.isEmpty()) {
            throw new HammerException(mustExist ? Errno.EBUSY : Errno.EEXIST, path);
        }
        String name = cs.get(cs.size() - 1).name();
        if (!mustExist) {
            PathName.checkName(name, path);
        } else if (name.equals(".") || name.equals("..")) {
            throw new HammerException(Errno.EINVAL, path);
        }
        StringBuilder dirPath = new StringBuilder("/");
        for (int i = 0; i < cs.size() - 1; i++) {
            dirPath.append(cs.get(i).raw()).append('/');
        }
        View dir = resolveDir(dirPath.toString(), BTree.AS_OF_NOW);
        if (!dir.now()) {
            throw new HammerException(Errno.EROFS, path);
        }
        checkPfsWritable(dir.objId(), path);
        return new Parent(existing(dir.objId(), path), name);
    }

    private Inode writableFile(String path) {
        View v = resolve(path, BTree.AS_OF_NOW);
        checkWritable(PathName.parse(path), path);
        if (!v.now()) {
            throw new HammerException(Errno.EROFS, path);
        }
        checkPfsWritable(v.objId(), path);
        if (v.data().isDirectory()) {
            throw new HammerException(Errno.EISDIR, path);
        }
        Inode ip = existing(v.objId(), path);
        ip.pathHint = path;
        return ip;
    }

    private long createObject(String path, int objType, int mode) {
        Parent p = parentOf(path, false);
        return create(p.dir, p.name, objType, mode, 0, 0, 0, path);
    }

    private long create(Inode dir, String name, int objType, int mode, int uid, int gid, long rdev, String what) {
        long objId;
        inodes.lock(dir);
        try {
            if (childOf(dir, name) != 0) {
                throw new HammerException(Errno.EEXIST, what);
            }
            checkSpace(Slop.CREATE, 0, what);
            long now = now();
            objId = Localization.newObject(Localization.pfs(dir.objId), vol.allocTid());
            Inode ip = new Inode(objId, created(new InodeData(objType, mode, 1, 0, dir.objId, now, now, now, uid, gid,
                    rdev)), 0);
            ip.metaDirty = true;
            ip.pathHint = what;
            inodes.put(ip);
            addEntry(dir, name, ip);
            inodes.dirty(dir, ip);
        } finally {
            inodes.unlock(dir);
        }
        changed(0);
        return objId;
    }

    private void addEntry(Inode dir, String name, Inode target) {
        long key = direntKey(dir, name);
        dir.entries.put(name, new Inode.PendingEntry(target.objId, target.data.objType(), key));
        dir.data = dir.data.touched(now());
        dir.attrDirty = true;
    }

    /**
     * hammer_ip_add_direntry: a new entry's key is the first at or above its name's namekey that no other entry
     * holds, on the media (unless a pending change removes it) or pending; a name replaced frees its own key. One
     * B-tree search plus the names sharing the namekey, and a pass over the directory's pending changes.
     */
    private long direntKey(Inode dir, String name) {
        DirHash h = dir.data.dirHash();
        long hash = h.namekey(name);
        long last = hash + h.maxIterations();
        List<Inode> pending = dir.flushing == null ? List.of(dir) : List.of(dir.flushing, dir);
        Set<Long> used = new HashSet<>();
        for (ObjectStore.EntryRecord r : store.sharingNamekey(dir.objId, h, name)) {
            if (!r.name().equals(name) && pending.stream().noneMatch(i -> i.entries.containsKey(r.name()))) {
                used.add(r.element().key());
            }
        }
        for (Inode i : pending) {
            for (Map.Entry<String, Inode.PendingEntry> e : i.entries.entrySet()) {
                long k = e.getValue().key();
                if (!e.getValue().removes() && !e.getKey().equals(name) && k >= hash && k <= last) {
                    used.add(k);
                }
            }
        }
        long key = hash;
        while (used.contains(key)) {
            key++;
        }
        if (key > last) {
            throw new HammerException(Errno.ENOSPC, "directory " + dir.objId + ": " + (h.maxIterations() + 1)
                    + " names share the namekey of '" + name + "'");
        }
        return key;
    }

    private void removeEntry(Inode dir, String name) {
        dir.entries.put(name, Inode.PendingEntry.REMOVE);
        dir.data = dir.data.touched(now());
        dir.attrDirty = true;
    }

    private void dropLink(Inode ip) {
        ip.data = ip.data.withLinks(ip.data.nlinks() - 1, now());
        ip.metaDirty = true;
        if (ip.data.nlinks() <= 0 && !keepUnlinkedData) {
            ip.removed = true;
            ip.clearBlocks();
        }
    }

    private Map<String, DirEntry> currentEntries(Inode dir) {
        Map<String, DirEntry> out = new TreeMap<>();
        for (ObjectStore.EntryRecord r : store.entries(dir.objId, dir.data.dirHash(), BTree.AS_OF_NOW)) {
            out.put(r.name(), new DirEntry(r.name(), r.target(), r.objType()));
        }
        for (Inode i : dir.flushing == null ? List.of(dir) : List.of(dir.flushing, dir)) {
            for (Map.Entry<String, Inode.PendingEntry> e : i.entries.entrySet()) {
                if (e.getValue().removes()) {
                    out.remove(e.getKey());
                } else {
                    out.put(e.getKey(), new DirEntry(e.getKey(), e.getValue().target(), e.getValue().objType()));
                }
            }
        }
        return out;
    }

    private List<DirEntry> readdir(View dir, String path) {
        if (dir.now()) {
            return new ArrayList<>(currentEntries(existing(dir.objId(), path)).values());
        }
        List<DirEntry> out = new ArrayList<>();
        for (ObjectStore.EntryRecord r : store.entries(dir.objId(), dir.data().dirHash(), dir.asOf())) {
            out.add(new DirEntry(r.name(), r.target(), r.objType()));
        }
        out.sort(Comparator.comparing(DirEntry::name));
        return out;
    }

    private static Stat stat(View v) {
        InodeData d = v.data();
        return new Stat(v.objId(), d.objType(), d.size(), d.nlinks(), d.parentObjId(), d.ctime(), d.mtime(),
                v.versionTid());
    }

    private byte[] read(View v, String path, long offset, int length) {
        if (v.data().isDirectory()) {
            throw new HammerException(Errno.EISDIR, path);
        }
        if (offset < 0 || length < 0) {
            throw new HammerException(Errno.EINVAL, path + " (negative offset or length)");
        }
        long end = offset >= v.data().size() ? offset : offset + Math.min(length, v.data().size() - offset);
        if (end <= offset) {
            return new byte[0];
        }
        byte[] out = new byte[(int) (end - offset)];
        Inode ip = v.now() ? existing(v.objId(), path) : null;
        long pos = offset;
        while (pos < end) {
            long base = FileBlocks.base(pos);
            int n = (int) (Math.min(end, base + FileBlocks.length(base)) - pos);
            byte[] block = ip != null ? currentBlock(ip, base) : mediaBlock(v.objId(), base, v.asOf());
            if (block != null) {
                System.arraycopy(block, (int) (pos - base), out, (int) (pos - offset), n);
            }
            pos += n;
        }
        return out;
    }

    /** A file block as the front end sees it (null = zeros): dirty in memory, else on media unless truncated. */
    private byte[] currentBlock(Inode ip, long base) {
        for (Inode i = ip; i != null; i = i == ip ? ip.flushing : null) {
            byte[] dirty = i.block(base);
            if (dirty != null) {
                return dirty;
            }
            if (i.truncatedTo >= 0 && base >= i.truncatedTo) {
                return null;
            }
        }
        return mediaBlock(ip.objId, base, BTree.AS_OF_NOW);
    }

    private byte[] mediaBlock(long objId, long base, long asOf) {
        byte[] data = store.readExtentAt(objId, base, asOf);
        return data == null ? null : Arrays.copyOf(data, FileBlocks.length(base));
    }

    private void writeInode(Inode ip, long offset, byte[] data) {
        Map<Long, byte[]> old = new TreeMap<>();
        long end = offset + data.length;
        for (long pos = offset; pos < end; pos = FileBlocks.base(pos) + FileBlocks.length(FileBlocks.base(pos))) {
            long base = FileBlocks.base(pos);
            byte[] dirty = ip.block(base);
            if (dirty != null || base < ip.data.size()) {
                old.put(base, dirty != null ? dirty : currentBlock(ip, base));
            }
        }
        // Everything read: from here on nothing blocks, so no other thread sees the write half done. A block the
        // flusher took meanwhile is copied, never changed under it.
        for (long pos = offset; pos < end; ) {
            long base = FileBlocks.base(pos);
            int len = FileBlocks.length(base);
            int n = (int) (Math.min(end, base + len) - pos);
            byte[] block = ip.block(base);
            if (block == null) {
                byte[] before = old.get(base);
                block = before == null ? new byte[len] : before.clone();
                ip.putBlock(base, block);
            }
            System.arraycopy(data, (int) (pos - offset), block, (int) (pos - base), n);
            pos += n;
        }
        ip.data = ip.data.withSize(Math.max(ip.data.size(), end), now());
        ip.attrDirty = true;
        inodes.dirty(ip);
    }

    private void truncateInode(Inode ip, long size) {
        long base = FileBlocks.base(size);
        boolean partial = size < ip.data.size() && base < size;
        byte[] before = partial && ip.block(base) == null ? currentBlock(ip, base) : null;
        // Everything read: from here on nothing blocks.
        if (size < ip.data.size()) {
            ip.dropBlocksFrom(size);
            if (partial) {
                byte[] block = ip.block(base);
                if (block == null) {
                    block = before == null ? new byte[FileBlocks.length(base)] : before.clone();
                    ip.putBlock(base, block);
                }
                Arrays.fill(block, (int) (size - base), block.length, (byte) 0);
            }
            ip.truncatedTo = ip.truncatedTo < 0 ? size : Math.min(ip.truncatedTo, size);
        }
        ip.data = ip.data.withSize(size, now());
        ip.attrDirty = true;
        inodes.dirty(ip);
    }
}
