package org.odonata.fs.hammer.btree;

/**
 * A 64-byte B-tree element: the 40-byte base (obj_id, key, create_tid, delete_tid, rec_type, obj_type,
 * btype, localization) plus, in internal nodes, subtree_offset and mirror_tid, or, in leaves, the
 * create/delete timestamps and the record data's offset, length and CRC. Immutable.
 */
public record BTreeElement(int localization, long objId, int recType, long key, long createTid, long deleteTid,
        int objType, int btype, long subtreeOffset, long mirrorTid, int createTs, int deleteTs, long dataOffset,
        int dataLen, int dataCrc) {

    public static final int SIZE = 64;

    public BTreeElement {
        BTreeKey.checkRecType(recType);
    }
    /** Byte offset of a leaf element's data_offset (changed alone by reblock). */
    public static final int DATA_OFFSET_AT = 48;
    /** Byte offsets of an internal element's subtree_offset and mirror_tid (each changed alone). */
    public static final int SUBTREE_AT = 40;
    public static final int MIRROR_AT = 48;
    /** btype of a leaf element (a record). */
    public static final int RECORD = 'R';

    /** A leaf element for a record. */
    public static BTreeElement record(BTreeKey k, int objType, int createTs, long dataOffset, int dataLen,
            int dataCrc) {
        return new BTreeElement(k.localization(), k.objId(), k.recType(), k.key(), k.createTid(), 0, objType, RECORD,
                0, 0, createTs, 0, dataOffset, dataLen, dataCrc);
    }

    /** An internal element: a boundary key pointing at a subtree of type {@code childType}. */
    static BTreeElement internal(BTreeKey k, int childType, long subtree, long mirrorTid) {
        return new BTreeElement(k.localization(), k.objId(), k.recType(), k.key(), k.createTid(), 0, 0, childType,
                subtree, mirrorTid, 0, 0, 0, 0, 0);
    }

    public BTreeKey toKey() {
        return new BTreeKey(localization, objId, recType, key, createTid);
    }

    int compareTo(BTreeKey k) {
        return BTreeKey.compare(localization, objId, recType, key, createTid, k.localization(), k.objId(),
                k.recType(), k.key(), k.createTid());
    }

    /** hammer_btree_chkts: visible as of {@code tid} iff created at or before it and not yet deleted at it. */
    public boolean visibleAt(long tid) {
        return Long.compareUnsigned(createTid, tid) <= 0 && (deleteTid == 0 || Long.compareUnsigned(tid, deleteTid) < 0);
    }

    public boolean live() {
        return deleteTid == 0;
    }

    public BTreeElement withDelete(long tid, int ts) {
        return new BTreeElement(localization, objId, recType, key, createTid, tid, objType, btype, subtreeOffset,
                mirrorTid, createTs, ts, dataOffset, dataLen, dataCrc);
    }

    /** The same record with its data elsewhere (reblock). */
    BTreeElement withDataOffset(long offset) {
        return new BTreeElement(localization, objId, recType, key, createTid, deleteTid, objType, btype, subtreeOffset,
                mirrorTid, createTs, deleteTs, offset, dataLen, dataCrc);
    }

    BTreeElement withSubtree(int childType, long subtree, long mirror) {
        return new BTreeElement(localization, objId, recType, key, createTid, deleteTid, objType, childType, subtree,
                mirror, createTs, deleteTs, dataOffset, dataLen, dataCrc);
    }

    BTreeElement withMirror(long mirror) {
        return withSubtree(btype, subtreeOffset, mirror);
    }

    /** A boundary copy of this element's key, for an internal node's elms[0] or elms[count]. */
    BTreeElement asBoundary() {
        return internal(toKey(), 0, 0, 0);
    }

    /** The element's key with {@code other}'s key fields: moves a boundary without touching the subtree. */
    BTreeElement withKeyOf(BTreeElement other) {
        return new BTreeElement(other.localization, other.objId, other.recType, other.key, other.createTid, 0,
                objType, btype, subtreeOffset, mirrorTid, 0, 0, 0, 0, 0);
    }
}
