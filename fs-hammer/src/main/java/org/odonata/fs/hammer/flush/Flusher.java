package org.odonata.fs.hammer.flush;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.fifo.FifoRecord;
import org.odonata.fs.hammer.fifo.UndoFifo;
import org.odonata.fs.hammer.inode.Inode;
import org.odonata.fs.hammer.inode.InodeTable;
import org.odonata.fs.hammer.lock.HammerLock;
import org.odonata.fs.hammer.lock.HammerThreads;
import org.odonata.fs.hammer.lock.LockStats;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.object.PseudoFsData;
import org.odonata.fs.hammer.object.Snapshot;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.MetaBlock;
import org.odonata.fs.hammer.volume.UndoImage;
import org.odonata.fs.hammer.volume.Volume;

/**
 * The flusher (hammer_flusher.c). {@link #flush} syncs every dirty inode into the B-tree, in flush groups
 * that each get one TID and are closed, between dependency groups, before their pending records exceed
 * DragonFly's undo_rec_limit (the FIFO's size over 8 KB, plus 100; hammer_vfsops.c). Each group is finalized in
 * DragonFly's order:
 * <ol>
 * <li>write the data buffers (append-only, so no UNDO);</li>
 * <li>write an UNDO record with the old bytes of every metadata range about to be overwritten, then flush
 * the device (which also makes the previous group's metadata durable);</li>
 * <li>write the volume header with FUA: UNDO first/next and next_tid (without UNDO), and the B-tree root
 * and blockmaps changed under UNDO;</li>
 * <li>write the metadata without waiting.</li>
 * </ol>
 * A group commits when the next header write moves the UNDO first offset past it: the next group, or
 * {@link #retire} (one device flush and one header write), which {@link #sync} always does. Simplification:
 * one flusher on the caller's thread (DragonFly runs a master and up to 4 slave threads).
 * <p>
 * REDO (fsync modes 2 and 3): {@link #redo} appends REDO records and a later group starts with a REDO_SYNC
 * naming the oldest REDO it covers. TERM records are never generated: every flush syncs every dirty inode,
 * so a REDO never outlives the span in which a TERM would matter.
 * <p>
 * A group that fails before its header write (no space, a corrupt node met on the way) is rolled back: the
 * metadata blocks, header fields, freemap reservations and FIFO position it changed in memory return to what
 * they were, and its inodes keep their pending changes, so nothing acknowledged is lost and a later flush can
 * try again. A group of several dependency groups that fails is retried one dependency group at a time, so
 * one inode that cannot be flushed (say, data larger than the free space) does not hold back the others; the
 * flush then fails naming what is still pending. A failure after the header write cannot be rolled back in
 * memory (the header already points at the new tree): the flusher refuses further work with EIO, as
 * DragonFly's hammer_critical_error makes a mount read-only, and the next mount's recovery undoes the group.
 */
public final class Flusher {

    /** FIFO bytes the UNDO of a whole 4 KB block can take (nine records of up to 472 bytes and their PADs). */
    static final long BLOCK_UNDO = UndoFifo.bytesFor(FifoRecord.undo(0, new byte[Volume.BLOCK]));
    /** The UNDO a pending record is assumed to need when sizing flush groups (hammer_vfsops' undo_rec_limit). */
    static final long RECORD_UNDO = 8192;

    private final Volume vol;
    private final Blockmap blockmap;
    private final BTree tree;
    private final ObjectStore store;
    private final UndoFifo fifo;
    private final InodeTable inodes;
    private final LongSupplier clock;
    private final FlushObserver observer;
    /** One flush or maintenance group, retire or REDO append at a time (the single master flusher, undo_lock). */
    private final HammerLock flushLock;
    /** First offset (and its sequence number) the next header write records: the end of the last group. */
    private long cachedFirst;
    private int cachedFirstSeq;
    private long cycle;
    private long committedCycle;
    /** Oldest REDO record not yet covered by a committed group, or -1. */
    private long redoStart = -1;
    private long redoCoveredCycle = -1;
    private long lastTid;
    /** A finalized group's metadata may not be durable and its UNDO is still in the span. */
    private boolean uncommitted;
    /** Set when a group failed after its header write: nothing more may be flushed on this mount. */
    private RuntimeException broken;

    public Flusher(Volume vol, Blockmap blockmap, ObjectStore store, UndoFifo fifo, InodeTable inodes,
            LongSupplier clock, FlushObserver observer, HammerThreads threads, LockStats stats) {
        this.flushLock = new HammerLock(threads, stats);
        this.vol = vol;
        this.blockmap = blockmap;
        this.tree = store.tree();
        this.store = store;
        this.fifo = fifo;
        this.inodes = inodes;
        this.clock = clock;
        this.observer = observer;
        VolumeHeader h = vol.header();
        this.cachedFirst = ZoneOffset.offset(h.blockmap(ZoneOffset.UNDO).firstOffset());
        this.cachedFirstSeq = h.undoSeqFirst();
        this.lastTid = h.nextTid() - 1;
    }

    /** The TID of the last flush group: everything flushed so far is visible as of it. */
    public long lastTid() {
        return lastTid;
    }

    /** Whether the last flush group is committed (its UNDO retired). */
    public boolean committed() {
        return !uncommitted;
    }

    /** After recovery undid and flushed the span up to {@code end}: {@link #retire} may drop it. */
    public void recovered(long end, int endSeq) {
        cachedFirst = end;
        cachedFirstSeq = endSeq;
        uncommitted = ZoneOffset.offset(vol.header().blockmap(ZoneOffset.UNDO).firstOffset()) != end;
    }

    /**
     * Flush and commit: everything done before the call is durable when it returns. Returns the TID. If some
     * changes could not be flushed, what was flushed is still committed before the failure is thrown.
     */
    public long sync() {
        try {
            flush();
        } finally {
            if (broken == null) {
                retire();
            }
        }
        return lastTid;
    }

    /**
     * Syncs every dirty inode into the B-tree and writes the flush groups; returns the last group's TID. If some
     * dependency groups could not be flushed they stay pending and this throws, naming them; the others are
     * flushed. Runs under the flush lock (one flusher at a time, as DragonFly's single master flusher); the front
     * end keeps working meanwhile on what it changes next.
     */
    public long flush() {
        checkUsable();
        flushLock.lockEx("hmrflw");
        try {
            return flushLocked();
        } finally {
            flushLock.unlock();
        }
    }

    private long flushLocked() {
        Set<Long> due = inodes.dirtyIds();
        if (due.isEmpty() && !vol.meta().hasDirty()) {
            return lastTid;
        }
        guardFreemap();
        List<List<Inode>> failed = new ArrayList<>();
        HammerException firstFailure = null;
        boolean wrote = false;
        for (;;) {
            List<List<Inode>> batch = pick(due);
            if (batch.isEmpty() && (wrote || !vol.meta().hasDirty())) {
                break;
            }
            wrote = true;
            firstFailure = first(firstFailure, flushBatch(batch, failed));
            for (List<Inode> group : batch) {
                for (Inode ip : group) {
                    due.remove(ip.objId);
                }
            }
            for (List<Inode> group : failed) {
                for (Inode ip : group) {
                    due.remove(ip.objId);
                }
            }
        }
        if (firstFailure != null) {
            throw notFlushed(failed, firstFailure);
        }
        if (redoStart >= 0) {
            redoCoveredCycle = cycle;
        }
        return lastTid;
    }

    /**
     * The dependency groups, as they are now, that hold an inode still due, until one more would exceed the
     * flush-group limit (at least one). Nothing here blocks, so the groups cannot change before they are taken.
     */
    private List<List<Inode>> pick(Set<Long> due) {
        long limit = fifo.size() + 100 * RECORD_UNDO;
        List<List<Inode>> batch = new ArrayList<>();
        long estimate = 0;
        for (List<Inode> group : inodes.groups()) {
            if (group.stream().noneMatch(ip -> due.contains(ip.objId))) {
                continue;
            }
            long e = estimate(group);
            if (!batch.isEmpty() && estimate + e > limit) {
                break;
            }
            batch.add(group);
            estimate += e;
        }
        return batch;
    }

    private static HammerException first(HammerException a, HammerException b) {
        return a != null ? a : b;
    }

    /**
     * Flushes dependency groups as one flush group; if that fails (and is rolled back) and there are several,
     * each alone, as it is now. Returns the first failure, with the groups that failed added to {@code failed}.
     */
    private HammerException flushBatch(List<List<Inode>> batch, List<List<Inode>> failed) {
        try {
            flushGroup(batch);
            return null;
        } catch (HammerException e) {
            if (batch.size() == 1) {
                failed.add(batch.get(0));
                return e;
            }
            HammerException firstFailure = null;
            for (List<Inode> group : batch) {
                List<Inode> now = inodes.groupOf(group.get(0));
                try {
                    flushGroup(List.of(now));
                } catch (HammerException alone) {
                    failed.add(now);
                    firstFailure = first(firstFailure, alone);
                }
            }
            return firstFailure;
        }
    }

    /**
     * One flush group: takes the groups' changes (hammer_flush_inode_core), syncs the copies into the B-tree,
     * finalizes, and only then lets the changes go; rolled back, the changes pending again, on failure. From
     * {@link #begin} to the taking nothing blocks, so no operation is taken half done.
     */
    private void flushGroup(List<List<Inode>> batch) {
        FlushGroup g = begin();
        List<List<Inode>> taken = new ArrayList<>();
        try {
            List<Inode> copies = new ArrayList<>();
            for (List<Inode> group : batch) {
                copies.addAll(inodes.takeForFlush(group));
                taken.add(group);
            }
            for (Inode copy : copies) {
                sync(copy, g);
            }
            finalizeGroup(g);
        } catch (RuntimeException e) {
            for (List<Inode> group : taken) {
                inodes.flushFailed(group);
            }
            throw abandon(g, e);
        }
        for (List<Inode> group : batch) {
            inodes.flushDone(group, g.tid);
        }
    }

    /** What {@link #flush} throws when dependency groups stay pending: the first cause, naming every inode left. */
    private static HammerException notFlushed(List<List<Inode>> failed, HammerException cause) {
        StringBuilder what = new StringBuilder();
        int named = 0;
        for (List<Inode> group : failed) {
            for (Inode ip : group) {
                if (named++ < 8) {
                    what.append(named > 1 ? ", " : "").append(ip.pathHint != null ? ip.pathHint
                            : "object " + ZoneOffset.hex(ip.objId));
                }
            }
        }
        if (named > 8) {
            what.append(" and ").append(named - 8).append(" more");
        }
        return new HammerException(cause.errno(), "flush: changes to " + what + " stay pending in memory ("
                + cause.getMessage() + ")", cause);
    }

    /**
     * Undoes a failed group in memory, or, if its header was already written, marks the flusher unusable.
     * Returns the failure, for the caller to throw.
     */
    private RuntimeException abandon(FlushGroup g, RuntimeException e) {
        if (g.headerWritten) {
            broken = new HammerException(Errno.EIO, "flush group " + ZoneOffset.hex(g.tid) + " failed after its volume"
                    + " header was written (" + e.getMessage() + "); unmount and mount again: recovery undoes it", e);
            return e;
        }
        vol.meta().rollback();
        vol.rollbackHeader();
        vol.dropStagedData();
        blockmap.rollbackCycle(cycle);
        if (!g.fifoWritten) {
            fifo.rewind(g.fifoStart, g.fifoStartSeq);
        }
        lastTid = g.previousTid;
        return e;
    }

    private void checkUsable() {
        if (broken != null) {
            throw new HammerException(Errno.EIO, "the flusher stopped after a failure: " + broken.getMessage(), broken);
        }
    }

    /** Commits the last group: one device flush makes its metadata durable, then the header retires its UNDO. */
    public void retire() {
        flushLock.lockEx("hmrflw");
        try {
            retireLocked();
        } finally {
            flushLock.unlock();
        }
    }

    private void retireLocked() {
        if (committed()) {
            return;
        }
        checkUsable();
        vol.flushDevice();
        writeHeader();
        uncommitted = false;
        committedCycle = cycle;
        blockmap.committed(committedCycle);
        releaseRedo();
        observer.reached(FlushPhase.RETIRED, 0);
    }

    /**
     * Appends REDO records for an fsync: with {@code fua} they are durable on return, otherwise the device is
     * flushed. Returns false, writing nothing, if the FIFO lacks room (the caller then does a full sync).
     */
    public boolean redo(List<FifoRecord> records, boolean fua) {
        flushLock.lockEx("hmrflw");
        try {
            return redoLocked(records, fua);
        } finally {
            flushLock.unlock();
        }
    }

    private boolean redoLocked(List<FifoRecord> records, boolean fua) {
        if (fifo.bytesToAppend(records) > fifo.free()) {
            return false;
        }
        long first = -1;
        for (FifoRecord r : records) {
            long at = fifo.append(r);
            first = first < 0 ? at : first;
        }
        fifo.write(fua);
        if (!fua) {
            vol.flushDevice();
        }
        if (redoStart < 0) {
            redoStart = first;
        }
        redoCoveredCycle = -1;
        observer.reached(FlushPhase.REDO_WRITTEN, 0);
        return true;
    }

    /**
     * Runs one step of an explicit B-tree operation (prune, reblock) as a flush group of its own. Front-end
     * changes may be pending (a sync that failed for lack of space must not stop the prune that frees it): the
     * step touches only records the front end does not hold (history, or where data and nodes live), and the
     * pending changes wait for a later flush. {@code step} receives the group's TID and may modify at most
     * {@link #maintenanceBudget()} metadata blocks; the group is then finalized like any other (data, UNDO and a
     * wait, header, metadata), so after a crash recovery leaves either the whole step or none of it. If the step
     * or the finalization fails, the group is rolled back like a flush group and the failure is thrown.
     * {@link #retire} commits the last step.
     */
    public void maintenanceGroup(LongConsumer step) {
        checkUsable();
        flushLock.lockEx("hmrflw");
        try {
            guardFreemap();
            FlushGroup g = begin();
            try {
                step.accept(g.tid);
                finalizeGroup(g);
            } catch (RuntimeException e) {
                throw abandon(g, e);
            }
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * Applies {@code changes} in order, each a bounded B-tree change (a few nodes per level), in as few maintenance
     * groups as {@link #maintenanceBudget()} allows (at least one change per group), then commits the last group.
     * What prune, PFS rollback and mirror-write do with their planned changes. Returns the number of groups.
     */
    public <T> int maintenanceRun(List<T> changes, Consumer<T> apply) {
        long worst = undoForBlocks(3 * store.tree().height() + 4);
        long budget = maintenanceBudget();
        int[] next = {0};
        int groups = 0;
        while (next[0] < changes.size()) {
            maintenanceGroup(tid -> {
                do {
                    apply.accept(changes.get(next[0]++));
                } while (next[0] < changes.size() && groupUndoBytes() + worst <= budget);
            });
            groups++;
        }
        retire();
        return groups;
    }

    /**
     * UNDO bytes one maintenance group may use: half the FIFO, DragonFly's limit for prune and reblock, less the
     * previous group's share (still in the span until this group's header write) and room for the header's
     * records. At least 0.
     */
    public long maintenanceBudget() {
        return Math.max(0, (fifo.size() - vol.bigBlockSize()) / 2 - 2 * BLOCK_UNDO);
    }

    /** UNDO bytes the open group needs so far (about: each declared range with its record overhead). */
    public long groupUndoBytes() {
        return UndoFifo.estimate(vol.meta().undoBytes(), vol.meta().undoRanges());
    }

    /** UNDO bytes a worst-case change of {@code blocks} whole metadata blocks needs. */
    public static long undoForBlocks(int blocks) {
        return blocks * BLOCK_UNDO;
    }

    /** hammer_flusher's flush-group limit: {@code undo_rec_limit} records of 8 KB of UNDO each. */
    private long estimate(List<Inode> group) {
        long records = 0;
        for (Inode ip : group) {
            records += ip.pendingRecords();
        }
        return records * RECORD_UNDO;
    }

    private FlushGroup begin() {
        cycle++;
        blockmap.beginCycle(cycle, committedCycle);
        long tid = vol.allocTid();
        FlushGroup g = new FlushGroup(tid, (int) (clock.getAsLong() / 1_000_000_000L), fifo.next(), fifo.nextSeq(),
                lastTid);
        lastTid = tid;
        if (redoStart >= 0) {
            fifo.append(FifoRecord.redo(FifoRecord.REDO_SYNC, 0, redoStart, new byte[0]));
        }
        return g;
    }

    /**
     * Before the mount's first group changes anything: the big-blocks the tree, the freemap and the UNDO FIFO
     * reach, so that the allocator refuses a big-block the freemap wrongly calls free. One walk of the tree per
     * mount, paid here rather than at mount so that mounting (and recovery) stays independent of the tree's size;
     * under the flush lock, before a group begins (the walk reads nodes, and may wait for them).
     */
    private void guardFreemap() {
        if (blockmap.guarded()) {
            return;
        }
        long bb = vol.bigBlockSize();
        BitSet reached = new BitSet();
        VolumeHeader h = vol.header();
        long freemap = ZoneOffset.offset(h.blockmap(ZoneOffset.FREEMAP).physOffset());
        reached.set((int) (freemap / bb), (int) ((freemap + Blockmap.freemapBytes(vol.bigBlocks()) - 1) / bb) + 1);
        for (int i = 0; i < h.blockmap(ZoneOffset.UNDO).allocOffset() / bb; i++) {
            reached.set((int) (ZoneOffset.offset(h.undoArray(i)) / bb));
        }
        tree.walk((n, depth, left, right) -> {
            reached.set((int) (ZoneOffset.offset(n.offset()) / bb));
            for (int i = 0; n.isLeaf() && i < n.count(); i++) {
                BTreeElement e = n.element(i);
                if (e.dataLen() > 0) {
                    long start = ZoneOffset.offset(e.dataOffset());
                    reached.set((int) (start / bb), (int) ((start + e.dataLen() - 1) / bb) + 1);
                }
            }
        });
        blockmap.guard(reached);
    }

    /** hammer_sync_inode: turns an inode's in-memory records into B-tree records at the group's TID. */
    private void sync(Inode ip, FlushGroup g) {
        long tid = g.tid;
        int ts = g.ts;
        long obj = ip.objId;
        if (ip.removed) {
            if (ip.onMedia()) {
                for (BTreeElement e : store.liveRecords(obj)) {
                    store.delete(e, tid, ts);
                }
            }
            return;
        }
        // every replaced or removed name first, so the keys they free are free for the names added
        for (String name : ip.entries.keySet()) {
            ObjectStore.EntryRecord old = store.lookup(obj, ip.data.dirHash(), name, BTree.AS_OF_NOW);
            if (old != null) {
                store.delete(old.element(), tid, ts);
            }
        }
        for (Map.Entry<String, Inode.PendingEntry> e : ip.entries.entrySet()) {
            Inode.PendingEntry pe = e.getValue();
            if (!pe.removes()) {
                store.insertEntry(obj, ip.data.dirHash(), e.getKey(), pe.key(), pe.target(), pe.objType(), tid, ts);
            }
        }
        if (ip.truncatedTo >= 0) {
            for (BTreeElement e : store.extentsFrom(obj, ip.truncatedTo, BTree.AS_OF_NOW)) {
                store.delete(e, tid, ts);
            }
        }
        long size = ip.data.size();
        for (Map.Entry<Long, byte[]> b : ip.blocks().entrySet()) {
            long base = b.getKey();
            if (base >= size) {
                continue;
            }
            BTreeElement old = store.extentAt(obj, base, BTree.AS_OF_NOW);
            if (old != null) {
                store.delete(old, tid, ts);
            }
            int len = (int) Math.min(b.getValue().length, size - base);
            store.insertData(obj, base, Arrays.copyOf(b.getValue(), len), tid, ts);
        }
        for (Map.Entry<Long, Snapshot> s : ip.snapshots.entrySet()) {
            BTreeElement old = store.snapshotRecord(s.getKey());
            if (old != null) {
                store.delete(old, tid, ts);
            }
            if (s.getValue() != null) {
                store.insertSnapshot(s.getValue(), tid, ts);
            }
        }
        for (Map.Entry<Integer, PseudoFsData> p : ip.pseudofs.entrySet()) {
            // hammer_save_pseudofs: the new record replaces the one on disk
            BTreeElement old = store.pseudofsRecord(p.getKey(), BTree.AS_OF_NOW);
            if (old != null) {
                store.delete(old, tid, ts);
            }
            store.insertPseudofs(p.getKey(), p.getValue(), tid, ts);
        }
        if (ip.attrDirty || ip.metaDirty || !ip.onMedia()) {
            if (ip.onMedia()) {
                BTreeElement old = tree.lookup(ObjectStore.inodeKey(obj, ip.mediaTid));
                if (old != null && old.live()) {
                    store.delete(old, tid, ts);
                }
            }
            store.insertInode(obj, ip.data, tid, ts);
        }
    }

    private void finalizeGroup(FlushGroup g) {
        vol.writeStagedData();
        observer.reached(FlushPhase.DATA_WRITTEN, g.tid);

        List<UndoImage> images = new ArrayList<>(vol.headerUndoImages());
        images.addAll(vol.meta().undoImages());
        List<FifoRecord> undo = new ArrayList<>();
        for (UndoImage img : images) {
            undo.add(FifoRecord.undo(img.zoneOffset(), img.oldBytes()));
        }
        long need = fifo.bytesToAppend(undo);
        if (need > fifo.free()) {
            throw new HammerException(Errno.ENOSPC, "UNDO FIFO: flush group " + ZoneOffset.hex(g.tid) + " needs "
                    + need + " bytes, " + fifo.free() + " free");
        }
        for (FifoRecord r : undo) {
            fifo.append(r);
        }
        g.fifoWritten = true;
        fifo.write(false);
        vol.flushDevice();
        observer.reached(FlushPhase.UNDO_FLUSHED, g.tid);

        g.headerWritten = true;
        vol.takeHeaderUndo();
        writeHeader();
        committedCycle = Math.max(committedCycle, cycle - 1);
        blockmap.committed(committedCycle);
        releaseRedo();
        observer.reached(FlushPhase.HEADER_WRITTEN, g.tid);

        byte[] image = new byte[Volume.BLOCK];
        for (MetaBlock b : vol.meta().dirtyBlocks()) {
            b.serialize(image);
            vol.write(b.offset(), image.clone(), false);
        }
        vol.meta().cleaned();
        cachedFirst = fifo.next();
        cachedFirstSeq = fifo.nextSeq();
        uncommitted = true;
        observer.reached(FlushPhase.METADATA_WRITTEN, g.tid);
    }

    /** Header step: UNDO first/next and next_tid are written without UNDO, with FUA. */
    private void writeHeader() {
        VolumeHeader h = vol.header();
        h.setBlockmap(ZoneOffset.UNDO, h.blockmap(ZoneOffset.UNDO).withFirstNext(
                ZoneOffset.encode(ZoneOffset.UNDO, 0, cachedFirst), ZoneOffset.encode(ZoneOffset.UNDO, 0, fifo.next())));
        h.setUndoSeqFirst(cachedFirstSeq);
        vol.writeHeader(true);
    }

    private void releaseRedo() {
        if (redoStart >= 0 && redoCoveredCycle >= 0 && committedCycle >= redoCoveredCycle) {
            redoStart = -1;
            redoCoveredCycle = -1;
        }
    }
}
