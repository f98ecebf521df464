package org.odonata.fs.hammer.btree;

/**
 * B-tree keys packed for searching in place, as hammer_btree_search_node compares the elements of the node's own
 * array: the 240 bits of (localization, obj_id, rec_type, key, create_tid) laid out in 4 words so that comparing
 * the words as unsigned numbers, first to last, orders them exactly as {@link BTreeKey#compareTo} does. Signed
 * fields have their sign bit flipped; create_tid is stored minus one, so 0 (+∞) becomes the largest value. A
 * node keeps its elements' keys in one {@code long[]} of {@value #STRIDE} words per element, followed by what a
 * scan of a leaf reads next (delete_tid, data_offset, data_len and data_crc), so a binary search or a scan reads
 * one contiguous array, as DragonFly reads the node's elms[], instead of an element object per element.
 */
final class PackedKeys {

    /**
     * Words per element in a node's array: the 4 key words, delete_tid, then in a leaf data_offset and
     * data_len|data_crc, in an internal node subtree_offset and the child's type (as the on-disk element is a union).
     */
    static final int STRIDE = 7;
    static final int DELETE_TID = 4;
    static final int DATA_OFFSET = 5;
    static final int DATA_LEN_CRC = 6;
    static final int SUBTREE = 5;
    static final int CHILD_TYPE = 6;

    private PackedKeys() {
    }

    /** A search key on its own: 4 words. */
    static long[] of(BTreeKey k) {
        long[] w = new long[4];
        pack(w, 0, k.localization(), k.objId(), k.recType(), k.key(), k.createTid());
        return w;
    }

    /** Writes element {@code e}'s key, delete_tid and data or subtree reference at word {@code at}. */
    static void pack(long[] dst, int at, BTreeElement e) {
        pack(dst, at, e.localization(), e.objId(), e.recType(), e.key(), e.createTid());
        dst[at + DELETE_TID] = e.deleteTid();
        if (e.btype() == BTreeElement.RECORD) {
            dst[at + DATA_OFFSET] = e.dataOffset();
            dst[at + DATA_LEN_CRC] = (long) e.dataLen() << 32 | Integer.toUnsignedLong(e.dataCrc());
        } else {
            dst[at + SUBTREE] = e.subtreeOffset();
            dst[at + CHILD_TYPE] = e.btype();
        }
    }

    private static void pack(long[] dst, int at, int localization, long objId, int recType, long key, long createTid) {
        long obj = objId ^ Long.MIN_VALUE;
        long k = key ^ Long.MIN_VALUE;
        long tid = createTid - 1;
        dst[at] = Integer.toUnsignedLong(localization) << 32 | obj >>> 32;
        dst[at + 1] = obj << 32 | (long) recType << 16 | k >>> 48;
        dst[at + 2] = k << 16 | tid >>> 48;
        dst[at + 3] = tid << 16;
    }

    /** Compares the key at word {@code ai} of {@code a} with the key at word {@code bi} of {@code b}. */
    static int compare(long[] a, int ai, long[] b, int bi) {
        int c = Long.compareUnsigned(a[ai], b[bi]);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a[ai + 1], b[bi + 1]);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a[ai + 2], b[bi + 2]);
        return c != 0 ? c : Long.compareUnsigned(a[ai + 3], b[bi + 3]);
    }

    /** The key field of the key at word {@code at}. */
    static long key(long[] a, int at) {
        return (a[at + 1] << 48 | a[at + 2] >>> 16) ^ Long.MIN_VALUE;
    }

    /** The create_tid of the key at word {@code at}. */
    static long createTid(long[] a, int at) {
        return (a[at + 2] << 48 | a[at + 3] >>> 16) + 1;
    }
}
