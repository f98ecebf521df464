package org.odonata.fs.hammer.inode;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.Snapshot;

/**
 * An inode in memory with the changes the front end made since its last flush (DragonFly's in-memory
 * records): current attributes, whole dirty file blocks, the lowest truncation point, pending directory
 * entries (target 0 = removed) and, on the root, pending snapshot records. Reads consult these first and
 * the B-tree second. Public fields: the front end and the flusher are its only users.
 */
public final class Inode {

    /** A pending directory change: {@code target == 0} removes the name. */
    public record PendingEntry(long target, int objType) {

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
    /** REDO bytes written for this inode since its last flush (bounded like vfs.hammer.limit_redo). */
    public long redoBytes;
    /** What this inode last contributed to the table's reservation counters (see {@link InodeTable}). */
    long rsvRecs;
    long rsvData;
    boolean rsvInode;
    /** The path it was last reached by, to name it in errors about its pending changes (a hint only). */
    public String pathHint;

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
                || !snapshots.isEmpty();
    }

    /** Records the flusher will write for this inode (an estimate for removals). */
    public int pendingRecords() {
        int n = 1 + blocks.size() + entries.size() + snapshots.size() + (truncatedTo >= 0 ? 1 : 0);
        return removed ? n + (int) (data.size() / 16384) : n;
    }

    /** After the flusher synced everything into the B-tree. */
    public void flushed(long tid) {
        if (attrDirty || metaDirty || !onMedia()) {
            mediaTid = tid;
        }
        attrDirty = false;
        metaDirty = false;
        clearBlocks();
        truncatedTo = -1;
        entries.clear();
        snapshots.clear();
        redoBytes = 0;
    }
}
