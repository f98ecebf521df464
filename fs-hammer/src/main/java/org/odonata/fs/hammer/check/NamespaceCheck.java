package org.odonata.fs.hammer.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.object.DirHash;
import org.odonata.fs.hammer.object.FileBlocks;
import org.odonata.fs.hammer.object.InodeData;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.object.Snapshot;
import org.odonata.fs.hammer.ondisk.ZoneOffset;

/**
 * Directory and inode consistency over the decoded records, which arrive in key order. While they stream by:
 * the versions of one record never overlap in time (at most one live, each deleted no later than the next is
 * created), a directory entry's key lies in its name's hash range (its directory's {@link DirHash}), snapshots
 * name a past TID under their own key. At the end, over the live records: the root is a directory; every live
 * entry sits in a live directory and names a live inode of the type it records; a file's link count equals its live entries; a directory has one
 * entry (the root none), one link, size 0 and the parent its entry gives it; an inode without entries is an
 * orphan unless its link count is 0 (unlinked, its destruction still pending, as DragonFly keeps open files);
 * a file's live extents are block-aligned, disjoint and end within its size. O(records) memory for the live
 * records (and one hash per directory).
 */
final class NamespaceCheck {

    private record InodeAt(InodeData data, long at) {
    }

    private record EntryAt(long dir, String name, long target, int objType, long at) {
    }

    private record ExtentAt(long base, long end, long at) {
    }

    private final ProblemLog log;
    private final long btreeRoot;
    private final Map<Long, InodeAt> inodes = new HashMap<>();
    private final List<EntryAt> entries = new ArrayList<>();
    /** Every directory's hash (set at creation), from any of its INODE records: they sort before its entries. */
    private final Map<Long, DirHash> dirHashes = new HashMap<>();
    private final Map<Long, List<ExtentAt>> extents = new HashMap<>();
    private BTreeElement previous;
    private long previousAt;

    NamespaceCheck(ProblemLog log, long btreeRoot) {
        this.log = log;
        this.btreeRoot = btreeRoot;
    }

    int liveInodes() {
        return inodes.size();
    }

    void inode(BTreeElement e, long at, InodeData data) {
        version(e, at);
        if (data.isDirectory()) {
            dirHashes.put(Localization.ino(e), data.dirHash());
        }
        if (e.live() && inodes.putIfAbsent(Localization.ino(e), new InodeAt(data, at)) != null) {
            log.add("inode", at, "object " + Localization.ino(e) + " has a second live INODE record");
        }
    }

    void entry(BTreeElement e, long at, ObjectStore.EntryRecord r) {
        version(e, at);
        DirHash h = dirHashes.get(Localization.ino(e));
        if (h != null && !h.holds(e.key(), r.name())) {
            long hash = h.namekey(r.name());
            log.add("directory entry", at, "key " + Long.toHexString(e.key()) + " does not carry the hash "
                    + Long.toHexString(hash) + "+" + Long.toHexString(h.maxIterations()) + " (" + h
                    + ") of the name '" + r.name() + "'");
        }
        if (e.live()) {
            entries.add(new EntryAt(Localization.ino(e), r.name(), r.target(), r.objType(), at));
        }
    }

    void snapshot(BTreeElement e, long at, Snapshot s) {
        version(e, at);
        if (e.objId() != RecordType.ROOT_OBJID || e.key() != s.tid()) {
            log.add("snapshot", at, "record of object " + e.objId() + " key " + ZoneOffset.hex(e.key())
                    + " holds the snapshot of " + ZoneOffset.hex(s.tid()) + " (expected object 1 and that key)");
        }
        if (Long.compareUnsigned(s.tid(), e.createTid()) >= 0) {
            log.add("snapshot", at, "snapshot TID " + ZoneOffset.hex(s.tid()) + " is not before the record's create_tid "
                    + ZoneOffset.hex(e.createTid()));
        }
    }

    void extent(BTreeElement e, long at) {
        version(e, at);
        if (e.live()) {
            extents.computeIfAbsent(Localization.ino(e), k -> new ArrayList<>()).add(new ExtentAt(e.key() - e.dataLen(), e.key(), at));
        }
    }

    /** Records of one identity (all but create_tid equal) are adjacent in key order, oldest first. */
    private void version(BTreeElement e, long at) {
        BTreeElement p = previous;
        if (p != null && p.localization() == e.localization() && p.objId() == e.objId() && p.recType() == e.recType()
                && p.key() == e.key() && (p.live() || Long.compareUnsigned(p.deleteTid(), e.createTid()) > 0)) {
            log.add("B-tree element", at, "version created at " + ZoneOffset.hex(e.createTid())
                    + " overlaps the previous version at " + ZoneOffset.hex(previousAt) + " (delete_tid "
                    + ZoneOffset.hex(p.deleteTid()) + ")");
        }
        previous = e;
        previousAt = at;
    }

    void finish() {
        InodeAt root = inodes.get(RecordType.ROOT_OBJID);
        if (root == null || !root.data().isDirectory()) {
            log.add("root inode", btreeRoot, "object 1 has no live directory INODE record");
        }
        Map<Long, List<EntryAt>> byTarget = new HashMap<>();
        for (EntryAt d : entries) {
            checkEntry(d);
            byTarget.computeIfAbsent(d.target(), k -> new ArrayList<>()).add(d);
        }
        for (Map.Entry<Long, InodeAt> i : inodes.entrySet()) {
            checkLinks(i.getKey(), i.getValue(), byTarget.getOrDefault(i.getKey(), List.of()));
        }
        for (Map.Entry<Long, List<ExtentAt>> x : extents.entrySet()) {
            checkExtents(x.getKey(), x.getValue());
        }
    }

    private void checkEntry(EntryAt d) {
        InodeAt dir = inodes.get(d.dir());
        if (dir == null || !dir.data().isDirectory()) {
            log.add("directory entry", d.at(), "'" + d.name() + "' is in object " + d.dir()
                    + ", which is not a live directory");
        }
        InodeAt target = inodes.get(d.target());
        if (target == null) {
            log.add("directory entry", d.at(), "'" + d.name() + "' names object " + d.target()
                    + ", which has no live inode");
        } else if (target.data().objType() != d.objType()) {
            log.add("directory entry", d.at(), "'" + d.name() + "' records type " + d.objType() + ", its inode has "
                    + target.data().objType());
        }
    }

    private void checkLinks(long objId, InodeAt ip, List<EntryAt> named) {
        InodeData d = ip.data();
        // PFS 0's root and every other PFS's root (hammer_mkroot_pseudofs) are their own parents, named by nothing
        boolean root = Localization.objId(objId) == RecordType.ROOT_OBJID;
        if (named.isEmpty() && !root) {
            if (d.nlinks() != 0) {
                log.add("inode", ip.at(), "object " + objId + " has " + d.nlinks()
                        + " links but no live directory entry names it (orphan)");
            }
            return;
        }
        if (!d.isDirectory()) {
            if (d.nlinks() != named.size()) {
                log.add("inode", ip.at(), "object " + objId + " has nlinks " + d.nlinks() + " but " + named.size()
                        + " live directory entries");
            }
            return;
        }
        if (root ? !named.isEmpty() : named.size() != 1) {
            log.add("inode", ip.at(), "directory " + objId + " is named by " + named.size()
                    + " live entries (expected " + (root ? 0 : 1) + ")");
        }
        long parent = root ? objId : named.get(0).dir();
        if (d.parentObjId() != parent) {
            log.add("inode", ip.at(), "directory " + objId + " records parent " + d.parentObjId() + ", its entry is in "
                    + parent);
        }
        if (d.nlinks() != 1 || d.size() != 0) {
            log.add("inode", ip.at(), "directory " + objId + " has nlinks " + d.nlinks() + " and size " + d.size()
                    + " (expected 1 and 0)");
        }
    }

    private void checkExtents(long objId, List<ExtentAt> list) {
        InodeAt ip = inodes.get(objId);
        if (ip == null || ip.data().isDirectory()) {
            log.add("data extent", list.get(0).at(), "live data of object " + objId
                    + ", which is not a live regular file");
            return;
        }
        list.sort(Comparator.comparingLong(ExtentAt::base));
        long prevEnd = 0;
        for (ExtentAt x : list) {
            if (x.base() < 0 || FileBlocks.base(x.base()) != x.base() || x.end() - x.base() > FileBlocks.length(x.base())) {
                log.add("data extent", x.at(), "[" + x.base() + ", " + x.end() + ") of object " + objId
                        + " is not one file block");
            }
            if (x.base() < prevEnd) {
                log.add("data extent", x.at(), "[" + x.base() + ", " + x.end() + ") of object " + objId
                        + " overlaps another live extent");
            }
            if (x.end() > ip.data().size()) {
                log.add("data extent", x.at(), "[" + x.base() + ", " + x.end() + ") of object " + objId
                        + " ends past the file size " + ip.data().size());
            }
            prevEnd = Math.max(prevEnd, x.end());
        }
    }
}
