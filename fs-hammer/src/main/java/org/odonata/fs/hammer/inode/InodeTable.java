package org.odonata.fs.hammer.inode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.odonata.fs.hammer.lock.HammerThreads;
import org.odonata.fs.hammer.lock.LockStats;
import org.odonata.fs.hammer.lock.LockTable;
import org.odonata.fs.hammer.object.Localization;

/**
 * The in-memory inodes and the dirty ones, grouped by dependency: an operation that changes several inodes
 * (create, link, unlink, rename) joins them, and the flusher puts a joined group into one flush group so a
 * crash can never separate a directory entry from its inode. Union-find, near O(1) per operation.
 * <p>
 * It also keeps hammer_checkspace's reservation counters (rsv_inodes, rsv_recs, rsv_databytes in
 * hammer_blockmap.c): dirty inodes, pending records and dirty data bytes (those a flush group is writing
 * included), re-counted for an inode whenever it is marked dirty or flushed, in time proportional to its
 * pending entries; and the inodes' locks (ip->lock), which an operation takes on every inode it changes, in
 * object id order, and the flusher while it takes an inode's changes.
 */
public final class InodeTable {

    /** hammer_checkspace's in_size: an inode's data plus its B-tree element. */
    static final long INODE_RESERVE = 128 + 64;
    /** hammer_checkspace's rec_size: two B-tree elements per record. */
    static final long RECORD_RESERVE = 2 * 64;

    private final Map<Long, Inode> inodes = new HashMap<>();
    private final LockTable locks;
    private final Set<Long> dirty = new LinkedHashSet<>();
    private final Map<Long, Long> parent = new HashMap<>();
    private long rsvInodes;
    private long rsvRecs;
    private long rsvData;

    public InodeTable(HammerThreads threads, LockStats stats) {
        this.locks = new LockTable(threads, stats);
    }

    /** Locks inodes exclusively, in object id order so that two operations never wait for each other. */
    public void lock(Inode... ips) {
        for (long id : distinctIds(ips)) {
            locks.lockEx(id, "hmrino");
        }
    }

    /** Releases what {@link #lock} took for the same inodes. */
    public void unlock(Inode... ips) {
        for (long id : distinctIds(ips)) {
            locks.unlock(id);
        }
    }

    private static long[] distinctIds(Inode... ips) {
        return Arrays.stream(ips).mapToLong(ip -> ip.objId).sorted().distinct().toArray();
    }

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

    /** The dirty inodes' object ids, as a set the caller may change. */
    public Set<Long> dirtyIds() {
        return new HashSet<>(dirty);
    }

    /** The dirty inodes that share {@code ip}'s dependency group now (just {@code ip} if it is not dirty). */
    public List<Inode> groupOf(Inode ip) {
        if (!dirty.contains(ip.objId)) {
            return List.of(ip);
        }
        long root = find(ip.objId);
        List<Inode> out = new ArrayList<>();
        for (long id : dirty) {
            if (find(id) == root) {
                out.add(inodes.get(id));
            }
        }
        return out;
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

    /**
     * A flush group takes a dependency group's changes: each inode's pending changes move to its
     * {@link Inode#flushing} copy, and it is no longer dirty unless changed again. Returns the copies, which the
     * flusher writes. Takes no lock: front-end operations read everything they need before they change anything,
     * so between two steps of any other thread no operation is half done.
     */
    public List<Inode> takeForFlush(List<Inode> group) {
        List<Inode> copies = new ArrayList<>();
        for (Inode ip : group) {
            copies.add(ip.takeForFlush());
            dirty.remove(ip.objId);
            account(ip);
        }
        forgetGroupsIfClean();
        return copies;
    }

    /** The flush group committed: the changes it took are on the media; removed inodes are forgotten. */
    public void flushDone(List<Inode> group, long tid) {
        for (Inode ip : group) {
            boolean removed = ip.flushing.removed;
            ip.flushDone(tid);
            account(ip);
            if (removed && !ip.dirty()) {
                inodes.remove(ip.objId);
            }
        }
    }

    /** The flush group was rolled back: the changes it took are pending again, and the group dirty together. */
    public void flushFailed(List<Inode> group) {
        for (Inode ip : group) {
            ip.flushFailed();
        }
        dirty(group.toArray(Inode[]::new));
    }

    private void forgetGroupsIfClean() {
        if (dirty.isEmpty()) {
            parent.clear();
        }
    }

    /**
     * hammer_unload_pseudofs: forgets the in-memory inodes of a PFS, so they are read again from the B-tree; false,
     * forgetting nothing, while one of them has changes pending (the caller syncs first).
     */
    public boolean unloadPfs(int pfs) {
        for (Inode ip : inodes.values()) {
            if (Localization.pfs(ip.objId) == pfs && (dirty.contains(ip.objId) || ip.flushing != null)) {
                return false;
            }
        }
        inodes.values().removeIf(ip -> Localization.pfs(ip.objId) == pfs);
        return true;
    }

    /** Bytes the dirty inodes will need when flushed, as hammer_checkspace estimates them. */
    public long reservedBytes() {
        return rsvInodes * INODE_RESERVE + rsvRecs * RECORD_RESERVE + rsvData;
    }

    /** Replaces an inode's contribution to the reservation with what it has pending now. */
    private void account(Inode ip) {
        Inode f = ip.flushing;
        boolean pending = ip.dirty() || f != null;
        long recs = ip.blocks().size() + ip.entries.size() + ip.snapshots.size() + ip.pseudofs.size()
                + (f == null ? 0 : f.blocks().size() + f.entries.size() + f.snapshots.size() + f.pseudofs.size());
        long data = ip.blockBytes() + (f == null ? 0 : f.blockBytes());
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
