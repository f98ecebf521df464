package org.odonata.fs.hammer.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeCursor;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.btree.BTreeNode;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.ondisk.Crc32c;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.DataSlice;
import org.odonata.fs.hammer.volume.Volume;

/**
 * The records of filesystem objects in the B-tree, read as of any TID and written by the flusher. A lookup
 * costs one B-tree search plus the historical versions it steps over; record data is read with one device
 * request and checked against the leaf's data_crc. Writes allocate record data append-only (inode and
 * directory data in the meta zone, file data in the small or large data zone) and stage it for flush phase 1.
 */
public final class ObjectStore {

    /** A visible INODE record and its data. */
    public record InodeRecord(BTreeElement element, InodeData data) {
    }

    /** A visible DIRENTRY record: the name and the object it names. */
    public record EntryRecord(BTreeElement element, String name, long target, int objType) {
    }

    private final Volume vol;
    private final Blockmap blockmap;
    private final BTree tree;

    public ObjectStore(Volume vol, Blockmap blockmap, BTree tree) {
        this.vol = vol;
        this.blockmap = blockmap;
        this.tree = tree;
    }

    public BTree tree() {
        return tree;
    }

    /** The INODE record key of an inode number ({@link Localization}: its PFS picks the localization). */
    public static BTreeKey inodeKey(long ino, long tid) {
        return new BTreeKey(Localization.inode(ino), Localization.objId(ino), RecordType.INODE, 0, tid);
    }

    public static BTreeKey dataKey(long ino, long key, long tid) {
        return new BTreeKey(Localization.misc(ino), Localization.objId(ino), RecordType.DATA, key, tid);
    }

    /** An object's inode as of a TID, its data read with the leaf held (hammer_ip_lookup). */
    public InodeRecord inode(long objId, long asOf) {
        InodeRecord[] found = {null};
        tree.scan(inodeKey(objId, 1), inodeKey(objId, 0), asOf, e -> {
            found[0] = new InodeRecord(e, InodeData.decode(readData(e), e.dataOffset()));
            return false;
        });
        return found[0];
    }

    /**
     * A directory entry by name as of a TID (hammer_vop_nresolve: the keys [namekey, namekey + max_iterations] of the
     * directory's hash, each name read under the leaf): one B-tree search plus the names colliding with it.
     */
    public EntryRecord lookup(long dirObjId, DirHash dirHash, String name, long asOf) {
        long hash = dirHash.namekey(name);
        EntryRecord[] found = {null};
        tree.scan(entryKey(dirObjId, hash, 1), entryKey(dirObjId, hash + dirHash.maxIterations(), 0), asOf, e -> {
            EntryRecord r = entry(e);
            if (r.name().equals(name)) {
                found[0] = r;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The live entries of a directory in the key range a lookup of {@code name} scans (its collision chain). */
    public List<EntryRecord> sharingNamekey(long dirObjId, DirHash dirHash, String name) {
        long hash = dirHash.namekey(name);
        List<EntryRecord> out = new ArrayList<>();
        tree.scan(entryKey(dirObjId, hash, 1), entryKey(dirObjId, hash + dirHash.maxIterations(), 0),
                BTree.AS_OF_NOW, e -> {
                    out.add(entry(e));
                    return true;
                });
        return out;
    }

    /**
     * A directory's entries as of a TID, in key order (hammer_vop_readdir). Each entry's key must lie in its name's
     * hash range, or a lookup by that name could never find it (the entry would be listed and then not found): that
     * is reported as corruption here.
     */
    public List<EntryRecord> entries(long dirObjId, DirHash dirHash, long asOf) {
        List<EntryRecord> out = new ArrayList<>();
        tree.scan(entryKey(dirObjId, Long.MIN_VALUE, 1), entryKey(dirObjId, Long.MAX_VALUE, 0), asOf, e -> {
            EntryRecord r = entry(e);
            if (!dirHash.holds(e.key(), r.name())) {
                throw new HammerCorruptionException("directory entry data", e.dataOffset(), "the name '" + r.name()
                        + "' does not hash to its record's key " + e.toKey() + " (a lookup by the name cannot find it)");
            }
            out.add(r);
            return true;
        });
        return out;
    }

    /** Every INODE record of an object, live and historical, oldest first: its versions. */
    public List<InodeRecord> inodeVersions(long objId) {
        List<InodeRecord> out = new ArrayList<>();
        BTreeCursor c = tree.cursor().seek(inodeKey(objId, 1));
        while (c.hasNext()) {
            BTreeElement e = c.next();
            if (e.toKey().compareTo(inodeKey(objId, 0)) >= 0) {
                break;
            }
            out.add(new InodeRecord(e, InodeData.decode(readData(e), e.dataOffset())));
        }
        return out;
    }

    /** The extent holding byte {@code offset} of a file as of a TID, or null for a hole. */
    public BTreeElement extentAt(long objId, long offset, long asOf) {
        BTreeElement[] found = {null};
        tree.scan(dataKey(objId, offset + 1, 1), dataKey(objId, Long.MAX_VALUE, 0), asOf, e -> {
            if (e.key() - e.dataLen() <= offset) {
                found[0] = e;
            }
            return false;
        });
        return found[0];
    }

    /**
     * The data of the extent holding byte {@code offset} of a file as of a TID, or null for a hole: the extent
     * found and its data read with the leaf held, as hammer_vop_strategy_read does.
     */
    public byte[] readExtentAt(long objId, long offset, long asOf) {
        DataSlice data = extentData(objId, offset, asOf);
        return data == null ? null : data.copy();
    }

    /** {@link #readExtentAt} in place ({@link #data(BTreeElement)}), the record read in its leaf. */
    public DataSlice extentData(long objId, long offset, long asOf) {
        DataSlice[] found = {null};
        tree.scanInPlace(dataKey(objId, offset + 1, 1), dataKey(objId, Long.MAX_VALUE, 0), asOf, (leaf, i) -> {
            if (leaf.key(i) - leaf.dataLen(i) <= offset) {
                found[0] = data(leaf, i);
            }
            return false;
        });
        return found[0];
    }

    /** Visible extents of a file holding any byte at or after {@code offset}. */
    public List<BTreeElement> extentsFrom(long objId, long offset, long asOf) {
        return tree.range(dataKey(objId, offset + 1, 1), dataKey(objId, Long.MAX_VALUE, 0), asOf);
    }

    /** The PFS record of a PFS as of a TID, or null if it has none. */
    public BTreeElement pseudofsRecord(int pfs, long asOf) {
        List<BTreeElement> r = tree.range(pfsKey(pfs, 1), pfsKey(pfs, 0), asOf);
        return r.isEmpty() ? null : r.get(0);
    }

    /** A PFS's configuration as of a TID, or null if it has no record. */
    public PseudoFsData pseudofs(int pfs, long asOf) {
        BTreeElement e = pseudofsRecord(pfs, asOf);
        return e == null ? null : pseudofs(e);
    }

    /** Decodes a PFS record (reading and checking its data). */
    public PseudoFsData pseudofs(BTreeElement e) {
        return PseudoFsData.decode(readData(e), e.dataOffset());
    }

    /** Every PFS with a live record, by id (deleted ones included: their flag says so). */
    public java.util.SortedMap<Integer, PseudoFsData> pseudofsAll() {
        java.util.SortedMap<Integer, PseudoFsData> out = new java.util.TreeMap<>();
        for (BTreeElement e : tree.range(pfsKey(0, 1), pfsKey(Localization.MAX_PFS - 1, 0), BTree.AS_OF_NOW)) {
            out.put(Localization.pfsOfLocalization((int) e.key()), PseudoFsData.decode(readData(e), e.dataOffset()));
        }
        return out;
    }

    /**
     * Every record of a PFS (its localization range, hammer_pfs_rollback's scan), live or historical, in key order.
     */
    public List<BTreeElement> pfsRecords(int pfs) {
        List<BTreeElement> out = new ArrayList<>();
        BTreeKey end = new BTreeKey(Localization.of(pfs + 1), Long.MIN_VALUE, 0, Long.MIN_VALUE, 1);
        for (BTreeCursor c = tree.cursor().seek(new BTreeKey(Localization.of(pfs), Long.MIN_VALUE, 0, Long.MIN_VALUE,
                1)); c.hasNext();) {
            BTreeElement e = c.next();
            if (pfs + 1 < Localization.MAX_PFS && e.toKey().compareTo(end) >= 0) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /** Visible snapshot records. */
    public List<Snapshot> snapshots(long asOf) {
        List<Snapshot> out = new ArrayList<>();
        for (BTreeElement e : tree.range(snapshotKey(Long.MIN_VALUE, 1), snapshotKey(Long.MAX_VALUE, 0), asOf)) {
            out.add(snapshot(e));
        }
        return out;
    }

    /** Decodes a SNAPSHOT record (reading and checking its data). */
    public Snapshot snapshot(BTreeElement e) {
        return Snapshot.decode(readData(e), e.dataOffset());
    }

    public BTreeElement snapshotRecord(long snapshotTid) {
        List<BTreeElement> r = tree.range(snapshotKey(snapshotTid, 1), snapshotKey(snapshotTid, 0), BTree.AS_OF_NOW);
        return r.isEmpty() ? null : r.get(0);
    }

    /** Reads a record's data and checks its CRC: a copy the caller keeps. */
    public byte[] readData(BTreeElement e) {
        return data(e).copy();
    }

    /**
     * A record's data in place, its CRC checked (hammer_btree_extract with HAMMER_CURSOR_GET_DATA: every extract
     * tests data_crc, hammer_crc_test_leaf). Valid until the volume next stages or writes data ({@link DataSlice}).
     */
    public DataSlice data(BTreeElement e) {
        return data(e.dataOffset(), e.dataLen(), e.dataCrc(), e::toKey);
    }

    /** {@link #data(BTreeElement)} of record {@code i} of a leaf, read from the leaf in place. */
    public DataSlice data(BTreeNode leaf, int i) {
        return data(leaf.dataOffset(i), leaf.dataLen(i), leaf.dataCrc(i), () -> leaf.element(i).toKey());
    }

    private DataSlice data(long offset, int length, int crc, Supplier<BTreeKey> record) {
        int zone = ZoneOffset.zone(offset);
        if (zone < ZoneOffset.META || zone > ZoneOffset.SMALL_DATA || length < 0) {
            throw new HammerCorruptionException("record data", offset, "not a data zone offset (record "
                    + record.get() + ")");
        }
        DataSlice data = vol.readSlice(offset, length, "record data");
        if (Crc32c.of(data.array(), data.offset(), data.length()) != crc) {
            throw new HammerCorruptionException("record data", offset, "data_crc mismatch (record "
                    + record.get() + ")");
        }
        return data;
    }

    // ---- writes (the flusher) ----

    public void insertInode(long objId, InodeData data, long tid, int ts) {
        insert(inodeKey(objId, tid), data.objType(), data.encode(), ts);
    }

    /**
     * Adds a directory entry under {@code key}, the key it was given when made (hammer_ip_add_direntry), or, should a
     * live entry hold that one, the next free above it; ENOSPC when the names sharing the hash fill its whole range.
     */
    public void insertEntry(long dirObjId, DirHash dirHash, String name, long key, long target, int objType, long tid,
            int ts) {
        long hash = dirHash.namekey(name);
        if (!dirHash.holds(key, name)) {
            throw new IllegalArgumentException("key " + Long.toHexString(key) + " is outside the hash range of '"
                    + name + "'");
        }
        List<BTreeElement> used = tree.range(entryKey(dirObjId, key, 1),
                entryKey(dirObjId, hash + dirHash.maxIterations(), 0), BTree.AS_OF_NOW);
        for (BTreeElement e : used) {
            if (e.key() == key) {
                key++;
            }
        }
        if (key - hash > dirHash.maxIterations()) {
            throw new HammerException(Errno.ENOSPC, "directory " + dirObjId + ": " + (dirHash.maxIterations() + 1)
                    + " names share the hash of '" + name + "'");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[16 + nameBytes.length];
        // hammer_direntry_data: the target's obj_id and localization
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Localization.objId(target))
                .putInt(8, Localization.inode(target));
        System.arraycopy(nameBytes, 0, data, 16, nameBytes.length);
        insert(entryKey(dirObjId, key, tid), objType, data, ts);
    }

    public void insertData(long objId, long base, byte[] data, long tid, int ts) {
        insert(dataKey(objId, base + data.length, tid), RecordType.OBJ_REGFILE, data, ts);
    }

    public void insertPseudofs(int pfs, PseudoFsData d, long tid, int ts) {
        insert(pfsKey(pfs, tid), 0, d.encode(), ts);
    }

    public void insertSnapshot(Snapshot s, long tid, int ts) {
        insert(snapshotKey(s.tid(), tid), 0, s.encode(), ts);
    }

    /** Sets a record's delete_tid; its data stays for as-of reads. */
    public void delete(BTreeElement e, long tid, int ts) {
        if (!tree.markDeleted(e.toKey(), tid, ts)) {
            throw new IllegalStateException("record " + e.toKey() + " vanished before it could be deleted");
        }
    }

    /** PFS rollback: clears a record's delete_tid (HAMMER_DELETE_ADJUST), so it is live again. */
    public void undelete(BTreeElement e) {
        if (!tree.markDeleted(e.toKey(), 0, 0)) {
            throw new IllegalStateException("record " + e.toKey() + " vanished before it could be undeleted");
        }
    }

    /** Prune: physically removes a record and frees its data (space returns with its whole big-block). */
    public void destroy(BTreeElement e) {
        if (!tree.remove(e.toKey())) {
            throw new IllegalStateException("record " + e.toKey() + " vanished before it could be destroyed");
        }
        blockmap.free(e.dataOffset(), allocated(e.dataLen()));
    }

    /**
     * Reblock: copies a record's data (checking its CRC) to new space in the same zone, never appending into a
     * big-block {@code avoid} accepts, points the record at the copy and frees the old space. Returns the bytes
     * moved.
     */
    public int moveData(BTreeKey key, LongPredicate avoid) {
        BTreeElement e = tree.lookup(key);
        if (e == null) {
            throw new IllegalStateException("record " + key + " vanished before its data could be moved");
        }
        byte[] data = readData(e);
        long offset = blockmap.alloc(ZoneOffset.zone(e.dataOffset()), allocated(data.length), avoid);
        vol.stageData(offset, data);
        tree.moveData(key, offset);
        blockmap.free(e.dataOffset(), allocated(data.length));
        return data.length;
    }

    /** Bytes the allocator hands out for {@code length} bytes of record data: 16-byte granules. */
    private static int allocated(int length) {
        return (length + 15) & -16;
    }

    /** Every live record of an object (inode, data, entries), for deleting the object. */
    public List<BTreeElement> liveRecords(long objId) {
        List<BTreeElement> out = new ArrayList<>(tree.range(inodeKey(objId, 1), inodeKey(objId, 0), BTree.AS_OF_NOW));
        int loc = Localization.misc(objId);
        long id = Localization.objId(objId);
        out.addAll(tree.range(new BTreeKey(loc, id, 0, Long.MIN_VALUE, 1), new BTreeKey(loc, id, 0xFFFF, Long.MAX_VALUE,
                0), BTree.AS_OF_NOW));
        return out;
    }

    /**
     * Mirror-write (hammer_create_at_cursor in HAMMER_CREATE_MODE_UMIRROR): a record as its master made it, TIDs and
     * times included, with its (relocalized) data.
     */
    public void insertMirrored(BTreeKey key, int objType, int createTs, long deleteTid, int deleteTs, byte[] data) {
        insert(key, objType, data, createTs, deleteTid, deleteTs);
    }

    private void insert(BTreeKey key, int objType, byte[] data, int ts) {
        insert(key, objType, data, ts, 0, 0);
    }

    private void insert(BTreeKey key, int objType, byte[] data, int ts, long deleteTid, int deleteTs) {
        int zone = key.recType() != RecordType.DATA ? ZoneOffset.META
                : data.length >= Volume.DATA_BUFSIZE ? ZoneOffset.LARGE_DATA : ZoneOffset.SMALL_DATA;
        long offset = blockmap.alloc(zone, allocated(data.length));
        vol.stageData(offset, data);
        BTreeElement e = BTreeElement.record(key, objType, ts, offset, data.length, Crc32c.of(data, 0, data.length));
        tree.insert(deleteTid == 0 ? e : e.withDelete(deleteTid, deleteTs));
    }

    private static BTreeKey entryKey(long dirObjId, long key, long tid) {
        return new BTreeKey(Localization.misc(dirObjId), Localization.objId(dirObjId), RecordType.DIRENTRY, key, tid);
    }

    /** hammer_load_pseudofs's key: a PFS record of PFS 0's root inode, keyed by the PFS's localization. */
    private static BTreeKey pfsKey(int pfs, long tid) {
        return new BTreeKey(RecordType.LOC_MISC, RecordType.ROOT_OBJID, RecordType.PFS,
                Integer.toUnsignedLong(Localization.of(pfs)), tid);
    }

    private static BTreeKey snapshotKey(long snapshotTid, long tid) {
        return new BTreeKey(RecordType.LOC_MISC, RecordType.ROOT_OBJID, RecordType.SNAPSHOT, snapshotTid, tid);
    }

    /** Decodes a DIRENTRY record (reading and checking its data). */
    public EntryRecord entry(BTreeElement e) {
        byte[] data = readData(e);
        if (data.length < 17) {
            throw new HammerCorruptionException("directory entry data", e.dataOffset(), "too short for a name");
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long target = Localization.ino(Localization.pfsOfLocalization(buf.getInt(8)), buf.getLong(0));
        String name = new String(Arrays.copyOfRange(data, 16, data.length), StandardCharsets.UTF_8);
        return new EntryRecord(e, name, target, e.objType());
    }
}
