package org.odonata.fs.hammer.flush;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.object.Snapshot;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.MetaBlock;
import org.odonata.fs.hammer.volume.UndoImage;
import org.odonata.fs.hammer.volume.Volume;

/**
 * The flusher (hammer_flusher.c). {@link #flush} syncs every dirty inode into the B-tree, in flush groups
 * that each get one TID and are closed, between dependency groups, before their estimated UNDO exceeds a
 * quarter of the FIFO. Each group is finalized in DragonFly's order:
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
 */
public final class Flusher {

    /** UNDO bytes one modified 4 KB block costs (head, body, 4 KB, tail, 512-aligned). */
    static final long BLOCK_UNDO = FifoRecord.undo(0, new byte[Volume.BLOCK]).size();

    private final Volume vol;
    private final Blockmap blockmap;
    private final BTree tree;
    private final ObjectStore store;
    private final UndoFifo fifo;
    private final InodeTable inodes;
    private final LongSupplier clock;
    private final FlushObserver observer;
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

    public Flusher(Volume vol, Blockmap blockmap, ObjectStore store, UndoFifo fifo, InodeTable inodes,
            LongSupplier clock, FlushObserver observer) {
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

    /** Flush and commit: everything done before the call is durable when it returns. Returns the TID. */
    public long sync() {
        flush();
        retire();
        return lastTid;
    }

    /** Syncs every dirty inode into the B-tree and writes the flush groups; returns the last group's TID. */
    public long flush() {
        List<List<Inode>> groups = inodes.groups();
        if (groups.isEmpty() && !vol.meta().hasDirty()) {
            return lastTid;
        }
        long limit = fifo.size() / 4;
        FlushGroup g = null;
        for (List<Inode> group : groups) {
            long estimate = estimate(group);
            if (g != null && g.undoEstimate + estimate > limit) {
                finalizeGroup(g);
                g = null;
            }
            if (g == null) {
                g = begin();
            }
            for (Inode ip : group) {
                sync(ip, g);
            }
            g.undoEstimate += estimate;
            inodes.flushed(group);
        }
        finalizeGroup(g == null ? begin() : g);
        if (redoStart >= 0) {
            redoCoveredCycle = cycle;
        }
        return lastTid;
    }

    /** Commits the last group: one device flush makes its metadata durable, then the header retires its UNDO. */
    public void retire() {
        if (committed()) {
            return;
        }
        vol.flushDevice();
        writeHeader();
        uncommitted = false;
        committedCycle = cycle;
        releaseRedo();
        observer.reached(FlushPhase.RETIRED, 0);
    }

    /**
     * Appends REDO records for an fsync: with {@code fua} they are durable on return, otherwise the device is
     * flushed. Returns false, writing nothing, if the FIFO lacks room (the caller then does a full sync).
     */
    public boolean redo(List<FifoRecord> records, boolean fua) {
        long need = 0;
        for (FifoRecord r : records) {
            need += r.size();
        }
        if (need > fifo.free()) {
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
     * Runs one step of an explicit B-tree operation (prune, reblock) as a flush group of its own: nothing may be
     * pending in the front end (sync first); {@code step} receives the group's TID and may modify at most
     * {@link #maintenanceBudget()} metadata blocks; the group is then finalized like any other (data, UNDO and a
     * wait, header, metadata), so after a crash recovery leaves either the whole step or none of it.
     * {@link #retire} commits the last step.
     */
    public void maintenanceGroup(LongConsumer step) {
        if (inodes.hasDirty()) {
            throw new IllegalStateException("front-end changes are pending: sync before prune or reblock");
        }
        FlushGroup g = begin();
        try {
            step.accept(g.tid);
        } finally {
            finalizeGroup(g);
        }
    }

    /**
     * Metadata blocks one maintenance group may modify: half the FIFO, DragonFly's limit for prune and reblock,
     * less the previous group's share (still in the span until this group's header write), one PAD per FIFO
     * big-block and the header's records. At least 0.
     */
    public int maintenanceBudget() {
        long bytes = (fifo.size() - vol.bigBlockSize()) / 2 - (fifo.size() / vol.bigBlockSize() + 2) * BLOCK_UNDO;
        return (int) Math.max(0, bytes / BLOCK_UNDO);
    }

    /** Metadata blocks the open group has modified so far that each cost an UNDO record. */
    public int groupUndoBlocks() {
        return vol.meta().undoCount();
    }

    private long estimate(List<Inode> group) {
        long records = 0;
        for (Inode ip : group) {
            records += ip.pendingRecords();
        }
        return records * (2L * tree.height() + 3) * BLOCK_UNDO + 2 * FifoRecord.ALIGN;
    }

    private FlushGroup begin() {
        cycle++;
        blockmap.beginCycle(cycle, committedCycle);
        long tid = vol.allocTid();
        lastTid = tid;
        if (redoStart >= 0) {
            fifo.append(FifoRecord.redo(FifoRecord.REDO_SYNC, 0, redoStart, new byte[0]));
        }
        return new FlushGroup(tid, (int) (clock.getAsLong() / 1_000_000_000L));
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
            ip.flushed(tid);
            return;
        }
        for (Map.Entry<String, Inode.PendingEntry> e : ip.entries.entrySet()) {
            ObjectStore.EntryRecord old = store.lookup(obj, e.getKey(), BTree.AS_OF_NOW);
            if (old != null) {
                store.delete(old.element(), tid, ts);
            }
            if (!e.getValue().removes()) {
                store.insertEntry(obj, e.getKey(), e.getValue().target(), e.getValue().objType(), tid, ts);
            }
        }
        if (ip.truncatedTo >= 0) {
            for (BTreeElement e : store.extentsFrom(obj, ip.truncatedTo, BTree.AS_OF_NOW)) {
                store.delete(e, tid, ts);
            }
        }
        long size = ip.data.size();
        for (Map.Entry<Long, byte[]> b : ip.blocks.entrySet()) {
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
        if (ip.attrDirty || ip.metaDirty || !ip.onMedia()) {
            if (ip.onMedia()) {
                BTreeElement old = tree.lookup(ObjectStore.inodeKey(obj, ip.mediaTid));
                if (old != null && old.live()) {
                    store.delete(old, tid, ts);
                }
            }
            store.insertInode(obj, ip.data, tid, ts);
        }
        ip.flushed(tid);
    }

    private void finalizeGroup(FlushGroup g) {
        vol.writeStagedData();
        observer.reached(FlushPhase.DATA_WRITTEN, g.tid);

        List<UndoImage> images = new ArrayList<>(vol.takeHeaderUndo());
        images.addAll(vol.meta().undoImages());
        long need = 0;
        List<FifoRecord> undo = new ArrayList<>();
        for (UndoImage img : images) {
            FifoRecord r = FifoRecord.undo(img.zoneOffset(), img.oldBytes());
            undo.add(r);
            need += r.size();
        }
        if (need > fifo.free()) {
            throw new HammerException(Errno.ENOSPC, "UNDO FIFO: flush group " + ZoneOffset.hex(g.tid) + " needs "
                    + need + " bytes, " + fifo.free() + " free");
        }
        for (FifoRecord r : undo) {
            fifo.append(r);
        }
        fifo.write(false);
        vol.flushDevice();
        observer.reached(FlushPhase.UNDO_FLUSHED, g.tid);

        writeHeader();
        committedCycle = Math.max(committedCycle, cycle - 1);
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
