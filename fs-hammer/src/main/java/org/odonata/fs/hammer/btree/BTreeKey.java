package org.odonata.fs.hammer.btree;

/**
 * The B-tree sort key: localization (unsigned), obj_id, rec_type (unsigned), key, then create_tid with 0
 * meaning +∞. {@code delete_tid} is not part of the key: deleting a record changes it in place.
 */
public record BTreeKey(int localization, long objId, int recType, long key, long createTid)
        implements Comparable<BTreeKey> {

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

    /** The same record identity at another create_tid (0 = +∞). */
    public BTreeKey atTid(long tid) {
        return new BTreeKey(localization, objId, recType, key, tid);
    }

    @Override
    public String toString() {
        return String.format("(%08x %016x %04x %016x %016x)", localization, objId, recType, key, createTid);
    }
}
