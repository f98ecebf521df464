package org.odonata.fs.hammer.inode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory inodes and the dirty ones, grouped by dependency: an operation that changes several inodes
 * (create, link, unlink, rename) joins them, and the flusher puts a joined group into one flush group so a
 * crash can never separate a directory entry from its inode. Union-find, near O(1) per operation.
 * <p>
 * It also keeps hammer_checkspace's reservation counters (rsv_inodes, rsv_recs, rsv_databytes in
 * hammer_blockmap.c): dirty inodes, pending records and dirty data bytes, re-counted for an inode whenever it
 * is marked dirty or flushed, in time proportional to its pending entries.
 */
public final class InodeTable {

    /** hammer_checkspace's in_size: an inode's data plus its B-tree element. */
    static final long INODE_RESERVE = 128 + 64;
    /** hammer_checkspace's rec_size: two B-tree elements per record. */
    static final long RECORD_RESERVE = 2 * 64;

    private final Map<Long, Inode> inodes = new HashMap<>();
    private final Set<Long> dirty = new LinkedHashSet<>();
    private final Map<Long, Long> parent = new HashMap<>();
    private long rsvInodes;
    private long rsvRecs;
    private long rsvData;

    public Inode get(long objId) {
        return inodes.get(objId);
    }

    public void put(Inode ip) {
        inodes.put(ip.objId, ip);
    }

    /** Marks inodes dirty and joins them into one dependency group. */
    public void dirty(Inode... changed) {
        for (Inode ip : changed) {
            dirty.add(ip.objId);
            parent.putIfAbsent(ip.objId, ip.objId);
            account(ip);
        }
        for (int i = 1; i < changed.length; i++) {
            parent.put(find(changed[i].objId), find(changed[0].objId));
        }
    }

    public boolean hasDirty() {
        return !dirty.isEmpty();
    }

    /** Whether this inode shares a dependency group with another dirty inode. */
    public boolean linked(Inode ip) {
        if (!dirty.contains(ip.objId)) {
            return false;
        }
        long root = find(ip.objId);
        for (long id : dirty) {
            if (id != ip.objId && find(id) == root) {
                return true;
            }
        }
        return false;
    }

    /** The dirty inodes in dependency groups, each group in the order its members were first dirtied. */
    public List<List<Inode>> groups() {
        Map<Long, List<Inode>> byRoot = new LinkedHashMap<>();
        for (long id : dirty) {
            byRoot.computeIfAbsent(find(id), k -> new ArrayList<>()).add(inodes.get(id));
        }
        return new ArrayList<>(byRoot.values());
    }

    /** After a flush: nothing is dirty; removed inodes are forgotten. */
    public void flushed(List<Inode> synced) {
        for (Inode ip : synced) {
            account(ip);
            dirty.remove(ip.objId);
            if (ip.removed) {
                inodes.remove(ip.objId);
            }
        }
        if (dirty.isEmpty()) {
            parent.clear();
        }
    }

    /** Bytes the dirty inodes will need when flushed, as hammer_checkspace estimates them. */
    public long reservedBytes() {
        return rsvInodes * INODE_RESERVE + rsvRecs * RECORD_RESERVE + rsvData;
    }

    /** Replaces an inode's contribution to the reservation with what it has pending now. */
    private void account(Inode ip) {
        boolean pending = ip.dirty();
        long recs = pending ? ip.blocks().size() + ip.entries.size() + ip.snapshots.size() : 0;
        long data = pending ? ip.blockBytes() : 0;
        rsvInodes += (pending ? 1 : 0) - (ip.rsvInode ? 1 : 0);
        rsvRecs += recs - ip.rsvRecs;
        rsvData += data - ip.rsvData;
        ip.rsvInode = pending;
        ip.rsvRecs = recs;
        ip.rsvData = data;
    }

    private long find(long id) {
        long root = id;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        while (parent.get(id) != root) {
            long next = parent.get(id);
            parent.put(id, root);
            id = next;
        }
        return root;
    }
}
