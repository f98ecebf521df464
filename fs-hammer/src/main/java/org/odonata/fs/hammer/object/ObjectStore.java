package org.odonata.fs.hammer.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeCursor;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.Crc32c;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
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

    public static BTreeKey inodeKey(long objId, long tid) {
        return new BTreeKey(RecordType.LOC_INODE, objId, RecordType.INODE, 0, tid);
    }

    public static BTreeKey dataKey(long objId, long key, long tid) {
        return new BTreeKey(RecordType.LOC_MISC, objId, RecordType.DATA, key, tid);
    }

    /** The directory hash of hammer_direntry_namekey: a 31-bit CRC in the high word, an iterator in the low. */
    public static long nameHash(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return (Crc32c.of(b, 0, b.length) & 0x7FFFFFFFL) << 32;
    }

    public InodeRecord inode(long objId, long asOf) {
        for (BTreeElement e : tree.range(inodeKey(objId, 1), inodeKey(objId, 0), asOf)) {
            return new InodeRecord(e, InodeData.decode(readData(e), e.dataOffset()));
        }
        return null;
    }

    public EntryRecord lookup(long dirObjId, String name, long asOf) {
        long hash = nameHash(name);
        for (BTreeElement e : tree.range(entryKey(dirObjId, hash, 1), entryKey(dirObjId, hash | 0xFFFFFFFFL, 0),
                asOf)) {
            EntryRecord r = entry(e);
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /**
     * A directory's entries as of a TID. Each entry's key must carry its name's hash, or a lookup by that name
     * could never find it (the entry would be listed and then not found): that is reported as corruption here.
     */
    public List<EntryRecord> entries(long dirObjId, long asOf) {
        List<EntryRecord> out = new ArrayList<>();
        for (BTreeElement e : tree.range(entryKey(dirObjId, Long.MIN_VALUE, 1), entryKey(dirObjId, Long.MAX_VALUE, 0),
                asOf)) {
            EntryRecord r = entry(e);
            if ((e.key() & 0xFFFFFFFF00000000L) != nameHash(r.name())) {
                throw new HammerCorruptionException("directory entry data", e.dataOffset(), "the name '" + r.name()
                        + "' does not hash to its record's key " + e.toKey() + " (a lookup by the name cannot find it)");
            }
            out.add(r);
        }
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
        BTreeCursor c = tree.cursor().seek(dataKey(objId, offset + 1, 1));
        while (c.hasNext()) {
            BTreeElement e = c.next();
            if (e.objId() != objId || e.recType() != RecordType.DATA || e.localization() != RecordType.LOC_MISC) {
                return null;
            }
            if (e.visibleAt(asOf)) {
                return e.key() - e.dataLen() <= offset ? e : null;
            }
        }
        return null;
    }

    /** Visible extents of a file holding any byte at or after {@code offset}. */
    public List<BTreeElement> extentsFrom(long objId, long offset, long asOf) {
        return tree.range(dataKey(objId, offset + 1, 1), dataKey(objId, Long.MAX_VALUE, 0), asOf);
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

    /** Reads a record's data and checks its CRC. */
    public byte[] readData(BTreeElement e) {
        int zone = ZoneOffset.zone(e.dataOffset());
        if (zone < ZoneOffset.META || zone > ZoneOffset.SMALL_DATA || e.dataLen() < 0) {
            throw new HammerCorruptionException("record data", e.dataOffset(), "not a data zone offset (record "
                    + e.toKey() + ")");
        }
        byte[] data = vol.read(e.dataOffset(), e.dataLen(), "record data");
        if (Crc32c.of(data, 0, data.length) != e.dataCrc()) {
            throw new HammerCorruptionException("record data", e.dataOffset(), "data_crc mismatch (record "
                    + e.toKey() + ")");
        }
        return data;
    }

    // ---- writes (the flusher) ----

    public void insertInode(long objId, InodeData data, long tid, int ts) {
        insert(inodeKey(objId, tid), data.objType(), data.encode(), ts);
    }

    public void insertEntry(long dirObjId, String name, long target, int objType, long tid, int ts) {
        long hash = nameHash(name);
        long key = hash;
        List<BTreeElement> used = tree.range(entryKey(dirObjId, hash, 1), entryKey(dirObjId, hash | 0xFFFFFFFFL, 0),
                BTree.AS_OF_NOW);
        for (BTreeElement e : used) {
            if (e.key() == key) {
                key++;
            }
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[16 + nameBytes.length];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(0, target).putInt(8, RecordType.LOC_INODE);
        System.arraycopy(nameBytes, 0, data, 16, nameBytes.length);
        insert(entryKey(dirObjId, key, tid), objType, data, ts);
    }

    public void insertData(long objId, long base, byte[] data, long tid, int ts) {
        insert(dataKey(objId, base + data.length, tid), RecordType.OBJ_REGFILE, data, ts);
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
        out.addAll(tree.range(new BTreeKey(RecordType.LOC_MISC, objId, 0, Long.MIN_VALUE, 1),
                new BTreeKey(RecordType.LOC_MISC, objId, 0xFFFF, Long.MAX_VALUE, 0), BTree.AS_OF_NOW));
        return out;
    }

    private void insert(BTreeKey key, int objType, byte[] data, int ts) {
        int zone = key.recType() != RecordType.DATA ? ZoneOffset.META
                : data.length >= Volume.DATA_BUFSIZE ? ZoneOffset.LARGE_DATA : ZoneOffset.SMALL_DATA;
        long offset = blockmap.alloc(zone, allocated(data.length));
        vol.stageData(offset, data);
        tree.insert(BTreeElement.record(key, objType, ts, offset, data.length, Crc32c.of(data, 0, data.length)));
    }

    private static BTreeKey entryKey(long dirObjId, long key, long tid) {
        return new BTreeKey(RecordType.LOC_MISC, dirObjId, RecordType.DIRENTRY, key, tid);
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
        long target = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String name = new String(Arrays.copyOfRange(data, 16, data.length), StandardCharsets.UTF_8);
        return new EntryRecord(e, name, target, e.objType());
    }
}
