package org.odonata.fs.hammer.btree;

/**
 * The B-tree sort key: localization (unsigned), obj_id, rec_type (unsigned), key, then create_tid with 0
 * meaning +∞. {@code delete_tid} is not part of the key: deleting a record changes it in place.
 */
public record BTreeKey(int localization, long objId, int recType, long key, long createTid)
        implements Comparable<BTreeKey> {

    /** rec_type is a 16-bit field on disk (and {@link PackedKeys} gives it 16 bits). */
    public BTreeKey {
        checkRecType(recType);
    }

    static void checkRecType(int recType) {
        if (recType < 0 || recType > 0xFFFF) {
            throw new IllegalArgumentException("rec_type " + recType + " does not fit its 16 bits");
        }
    }

    /** Left boundary of the whole tree. */
    public static final BTreeKey MIN = new BTreeKey(0, Long.MIN_VALUE, 0, Long.MIN_VALUE, 1);
    /** Right boundary of the whole tree (exclusive). */
    public static final BTreeKey MAX = new BTreeKey(-1, Long.MAX_VALUE, 0xFFFF, Long.MAX_VALUE, 0);

    @Override
    public int compareTo(BTreeKey o) {
        return compare(localization, objId, recType, key, createTid, o.localization, o.objId, o.recType, o.key,
                o.createTid);
    }

    static int compare(int loc1, long obj1, int rec1, long key1, long tid1, int loc2, long obj2, int rec2, long key2,
            long tid2) {
        int c = Integer.compareUnsigned(loc1, loc2);
        if (c != 0) {
            return c;
        }
        c = Long.compare(obj1, obj2);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(rec1, rec2);
        if (c != 0) {
            return c;
        }
        c = Long.compare(key1, key2);
        if (c != 0) {
            return c;
        }
        if (tid1 == tid2) {
            return 0;
        }
        if (tid1 == 0) {
            return 1;
        }
        if (tid2 == 0) {
            return -1;
        }
        return Long.compareUnsigned(tid1, tid2);
    }

    /**
     * hammer_make_separator: a key halfway between {@code left} and {@code right} ({@code left < right}), from the
     * first field in which they differ: that field is the midpoint (rounded up), the later fields are
     * {@code right}'s. So {@code left < separator ≤ right}; keys one unit apart give {@code right} itself.
     * create_tid is never split, which also avoids its 0 = +∞ case.
     */
    public static BTreeKey separator(BTreeKey left, BTreeKey right) {
        if (left.localization != right.localization) {
            long l1 = Integer.toUnsignedLong(left.localization);
            long l2 = Integer.toUnsignedLong(right.localization);
            return new BTreeKey((int) (l1 + ((l2 - l1 + 1) >> 1)), right.objId, right.recType, right.key,
                    right.createTid);
        }
        if (left.objId != right.objId) {
            return new BTreeKey(right.localization, left.objId + ((right.objId - left.objId + 1) >> 1), right.recType,
                    right.key, right.createTid);
        }
        if (left.recType != right.recType) {
            return new BTreeKey(right.localization, right.objId, left.recType + ((right.recType - left.recType + 1) >> 1),
                    right.key, right.createTid);
        }
        return new BTreeKey(right.localization, right.objId, right.recType, left.key + ((right.key - left.key + 1) >> 1),
                right.createTid);
    }

    /** The same record identity at another create_tid (0 = +∞). */
    public BTreeKey atTid(long tid) {
        return new BTreeKey(localization, objId, recType, key, tid);
    }

    @Override
    public String toString() {
        return String.format("(%08x %016x %04x %016x %016x)", localization, objId, recType, key, createTid);
    }
}
