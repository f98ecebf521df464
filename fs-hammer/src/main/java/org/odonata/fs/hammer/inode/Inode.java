package org.odonata.fs.hammer.inode;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.PseudoFsData;
import org.odonata.fs.hammer.object.Snapshot;

/**
 * An inode in memory with the changes the front end made since its last flush (DragonFly's in-memory
 * records): current attributes, whole dirty file blocks, the lowest truncation point, pending directory
 * entries (target 0 = removed) and, on the root, pending snapshot and PFS records. Reads consult these first and
 * the B-tree second. Public fields: the front end and the flusher are its only users.
 */
public final class Inode {

    /**
     * A pending directory change: {@code target == 0} removes the name; an added name has the directory key it was
     * given when it was made (hammer_ip_add_direntry), which the flusher writes it under.
     */
    public record PendingEntry(long target, int objType, long key) {

        public static final PendingEntry REMOVE = new PendingEntry(0, 0, 0);

        public boolean removes() {
            return target == 0;
        }
    }

    public final long objId;
    public InodeData data;
    /** create_tid of the live INODE record on media, 0 if the inode has never been flushed. */
    public long mediaTid;
    public boolean attrDirty;
    /** Changes REDO cannot describe (links, parent, creation, removal): fsync must flush instead. */
    public boolean metaDirty;
    /** Link count reached 0: the flusher deletes every record of the object. */
    public boolean removed;
    private final TreeMap<Long, byte[]> blocks = new TreeMap<>();
    /** Bytes of the dirty blocks, for the space reservation (hammer_checkspace's rsv_databytes). */
    private long blockBytes;
    /** Lowest size this file was truncated to since its last flush, or -1. */
    public long truncatedTo = -1;
    public final TreeMap<String, PendingEntry> entries = new TreeMap<>();
    /** Pending snapshot changes on the root: snapshot TID → record to add, or null to delete. */
    public final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();
    /** Pending PFS configurations on PFS 0's root (hammer_save_pseudofs's in-memory record): PFS id → data. */
    public final TreeMap<Integer, PseudoFsData> pseudofs = new TreeMap<>();
    /** REDO bytes written for this inode since its last flush (bounded like vfs.hammer.limit_redo). */
    public long redoBytes;
    /** What this inode last contributed to the table's reservation counters (see {@link InodeTable}). */
    long rsvRecs;
    long rsvData;
    boolean rsvInode;
    /** The path it was last reached by, to name it in errors about its pending changes (a hint only). */
    public String pathHint;
    /**
     * The changes a running flush group is writing, taken out of this inode when the group began (the
     * hammer_inode's sync_* copies while it is in HAMMER_FST_FLUSH), or null. Reads see this inode's own pending
     * changes first, then these, then the media; the front end keeps changing this inode meanwhile.
     */
    public Inode flushing;

    public Inode(long objId, InodeData data, long mediaTid) {
        this.objId = objId;
        this.data = data;
        this.mediaTid = mediaTid;
    }

    /** The dirty block at {@code base}, or null. */
    public byte[] block(long base) {
        return blocks.get(base);
    }

    /** The dirty blocks by base offset, read-only. */
    public NavigableMap<Long, byte[]> blocks() {
        return Collections.unmodifiableNavigableMap(blocks);
    }

    public void putBlock(long base, byte[] block) {
        byte[] old = blocks.put(base, block);
        blockBytes += block.length - (old == null ? 0 : old.length);
    }

    /** Drops the dirty blocks at or after {@code from}. */
    public void dropBlocksFrom(long from) {
        NavigableMap<Long, byte[]> tail = blocks.tailMap(from, true);
        for (byte[] b : tail.values()) {
            blockBytes -= b.length;
        }
        tail.clear();
    }

    public void clearBlocks() {
        blocks.clear();
        blockBytes = 0;
    }

    /** Bytes of dirty file blocks. */
    public long blockBytes() {
        return blockBytes;
    }

    public boolean onMedia() {
        return mediaTid != 0;
    }

    public boolean dirty() {
        return attrDirty || metaDirty || removed || !blocks.isEmpty() || truncatedTo >= 0 || !entries.isEmpty()
                || !snapshots.isEmpty() || !pseudofs.isEmpty();
    }

    /** Records the flusher will write for this inode (an estimate for removals). */
    public int pendingRecords() {
        int n = 1 + blocks.size() + entries.size() + snapshots.size() + pseudofs.size() + (truncatedTo >= 0 ? 1 : 0);
        return removed ? n + (int) (data.size() / 16384) : n;
    }

    /**
     * hammer_flush_inode_core: moves every pending change into {@link #flushing}, a copy the flusher writes, and
     * leaves none here. Returns the copy.
     */
    public Inode takeForFlush() {
        Inode s = new Inode(objId, data, mediaTid);
        s.attrDirty = attrDirty;
        s.metaDirty = metaDirty;
        s.removed = removed;
        s.blocks.putAll(blocks);
        s.blockBytes = blockBytes;
        s.truncatedTo = truncatedTo;
        s.entries.putAll(entries);
        s.snapshots.putAll(snapshots);
        s.pseudofs.putAll(pseudofs);
        s.pathHint = pathHint;
        attrDirty = false;
        metaDirty = false;
        removed = false;
        clearBlocks();
        truncatedTo = -1;
        entries.clear();
        snapshots.clear();
        pseudofs.clear();
        flushing = s;
        return s;
    }

    /** The flush group holding {@link #flushing} committed at {@code tid}: those changes are on the media now. */
    public void flushDone(long tid) {
        Inode s = flushing;
        if (s.attrDirty || s.metaDirty || !s.onMedia()) {
            mediaTid = tid;
        }
        redoBytes = 0;
        flushing = null;
    }

    /**
     * The flush group holding {@link #flushing} was rolled back: its changes become pending again, under the ones
     * made since (which came later): a later truncation also drops the earlier blocks past it.
     */
    public void flushFailed() {
        Inode s = flushing;
        attrDirty |= s.attrDirty;
        metaDirty |= s.metaDirty;
        removed |= s.removed;
        for (var e : s.blocks.entrySet()) {
            if (!blocks.containsKey(e.getKey()) && (truncatedTo < 0 || e.getKey() < truncatedTo)) {
                putBlock(e.getKey(), e.getValue());
            }
        }
        if (s.truncatedTo >= 0) {
            truncatedTo = truncatedTo < 0 ? s.truncatedTo : Math.min(truncatedTo, s.truncatedTo);
        }
        for (var e : s.entries.entrySet()) {
            entries.putIfAbsent(e.getKey(), e.getValue());
        }
        for (var e : s.snapshots.entrySet()) {
            snapshots.putIfAbsent(e.getKey(), e.getValue());
        }
        for (var e : s.pseudofs.entrySet()) {
            pseudofs.putIfAbsent(e.getKey(), e.getValue());
        }
        flushing = null;
    }
}
