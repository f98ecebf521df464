package org.odonata.fs.hammer.btree;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.Crc32c;
import org.odonata.fs.hammer.volume.MetaBlock;

/**
 * A 4 KB B-tree node: a 64-byte header (CRC over the rest of the node, parent, count, type 'I' or 'L',
 * aggregate mirror_tid) and 63 elements of 64 bytes. A leaf holds up to 63 records; an internal node up
 * to 62 children, where elms[i] is the left boundary of child i and elms[count] the node's right boundary,
 * so elms[0] and elms[count] repeat the boundaries its parent holds for it. Mutated only by {@link BTree},
 * which announces every change to the metadata cache first.
 */
public final class BTreeNode implements MetaBlock {

    public static final int SIZE = 4096;
    public static final int HEADER = 64;
    public static final int ELEMENTS = 63;
    public static final int LEAF_MAX = 63;
    public static final int INTERNAL_MAX = 62;
    public static final int LEAF = 'L';
    public static final int INTERNAL = 'I';
    /** Byte offsets in the on-disk node of the header fields changed one at a time. */
    public static final int CRC_AT = 0;
    public static final int PARENT_AT = 8;
    public static final int MIRROR_TID_AT = 24;

    private final long offset;
    long parent;
    int type;
    int count;
    long mirrorTid;
    /** In memory only (HAMMER_NODE_NONLINEAR): split once at three quarters for in-order inserts, not again. */
    boolean nonlinear;
    private final BTreeElement[] elms = new BTreeElement[ELEMENTS + 1];
    /**
     * What searches and scans read, {@link PackedKeys#STRIDE} words per element (key, delete_tid, data or subtree
     * reference), kept with every change to elms: the node is searched in place, not through the element objects.
     */
    private final long[] keys = new long[(ELEMENTS + 1) * PackedKeys.STRIDE];

    BTreeNode(long offset, int type, long parent) {
        this.offset = offset;
        this.type = type;
        this.parent = parent;
    }

    @Override
    public long offset() {
        return offset;
    }

    /** Byte offset of element {@code i} in the on-disk node. */
    public static int elementAt(int i) {
        return HEADER + i * BTreeElement.SIZE;
    }

    public long parent() {
        return parent;
    }

    public int type() {
        return type;
    }

    public boolean isLeaf() {
        return type == LEAF;
    }

    /** Records in a leaf; children in an internal node (which also has elms[count], its right boundary). */
    public int count() {
        return count;
    }

    public long mirrorTid() {
        return mirrorTid;
    }

    /** Element {@code i}: {@code 0..count-1} in a leaf, {@code 0..count} in an internal node. */
    public BTreeElement element(int i) {
        return elms[i];
    }

    boolean full() {
        return count == (isLeaf() ? LEAF_MAX : INTERNAL_MAX);
    }

    /** Sets element {@code i}. */
    void set(int i, BTreeElement e) {
        elms[i] = e;
        PackedKeys.pack(keys, i * PackedKeys.STRIDE, e);
    }

    /** Leaf: index of the first element ≥ key (a key packed by {@link PackedKeys#of}). */
    int lowerBound(long[] key) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (PackedKeys.compare(keys, mid * PackedKeys.STRIDE, key, 0) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int lowerBound(BTreeKey key) {
        return lowerBound(PackedKeys.of(key));
    }

    /** Internal: the child whose range holds key, i.e. the last i < count with elms[i] ≤ key. */
    int childIndex(long[] key) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (PackedKeys.compare(keys, mid * PackedKeys.STRIDE, key, 0) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    int childIndex(BTreeKey key) {
        return childIndex(PackedKeys.of(key));
    }

    /** Element {@code i}'s key compared with a packed key. */
    int compareAt(int i, long[] key) {
        return PackedKeys.compare(keys, i * PackedKeys.STRIDE, key, 0);
    }

    /** Element {@code i}'s key field (read in place, as the fields below). */
    public long key(int i) {
        return PackedKeys.key(keys, i * PackedKeys.STRIDE);
    }

    public long dataOffset(int i) {
        return keys[i * PackedKeys.STRIDE + PackedKeys.DATA_OFFSET];
    }

    public int dataLen(int i) {
        return (int) (keys[i * PackedKeys.STRIDE + PackedKeys.DATA_LEN_CRC] >>> 32);
    }

    public int dataCrc(int i) {
        return (int) keys[i * PackedKeys.STRIDE + PackedKeys.DATA_LEN_CRC];
    }

    /** Internal element {@code i}'s subtree_offset. */
    public long subtreeOffset(int i) {
        return keys[i * PackedKeys.STRIDE + PackedKeys.SUBTREE];
    }

    /** Internal element {@code i}'s btype: the type of the child it points at. */
    int childType(int i) {
        return (int) keys[i * PackedKeys.STRIDE + PackedKeys.CHILD_TYPE];
    }

    /** {@link BTreeElement#visibleAt} of element {@code i}, from the packed words. */
    boolean visibleAt(int i, long tid) {
        int at = i * PackedKeys.STRIDE;
        long deleteTid = keys[at + PackedKeys.DELETE_TID];
        return Long.compareUnsigned(PackedKeys.createTid(keys, at), tid) <= 0
                && (deleteTid == 0 || Long.compareUnsigned(tid, deleteTid) < 0);
    }

    int indexOfChild(long childOffset) {
        for (int i = 0; i < count; i++) {
            if (subtreeOffset(i) == childOffset) {
                return i;
            }
        }
        throw new HammerCorruptionException("B-tree node", offset, "does not point at its child 0x"
                + Long.toHexString(childOffset));
    }

    /** Number of element slots in use: count, plus the right boundary in an internal node. */
    int slots() {
        return isLeaf() ? count : count + 1;
    }

    void insertSlot(int i, BTreeElement e) {
        int n = slots() - i;
        System.arraycopy(elms, i, elms, i + 1, n);
        System.arraycopy(keys, i * PackedKeys.STRIDE, keys, (i + 1) * PackedKeys.STRIDE, n * PackedKeys.STRIDE);
        set(i, e);
        count++;
    }

    void removeSlot(int i) {
        int n = slots() - i - 1;
        System.arraycopy(elms, i + 1, elms, i, n);
        System.arraycopy(keys, (i + 1) * PackedKeys.STRIDE, keys, i * PackedKeys.STRIDE, n * PackedKeys.STRIDE);
        count--;
        elms[slots()] = null;
    }

    /** Copies {@code n} element slots from {@code from} of {@code src} to {@code to} of this node. */
    void copySlots(BTreeNode src, int from, int to, int n) {
        System.arraycopy(src.elms, from, elms, to, n);
        System.arraycopy(src.keys, from * PackedKeys.STRIDE, keys, to * PackedKeys.STRIDE, n * PackedKeys.STRIDE);
    }

    /** Empties slots {@code from} to {@code to} (exclusive). */
    void clearSlots(int from, int to) {
        java.util.Arrays.fill(elms, from, to, null);
    }

    @Override
    public MetaBlock reload(byte[] image) {
        return parse(offset, image);
    }

    @Override
    public void serialize(byte[] dst) {
        ByteBuffer buf = ByteBuffer.wrap(dst).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Arrays.fill(dst, 0, SIZE, (byte) 0);
        buf.putLong(PARENT_AT, parent).putInt(16, count).put(20, (byte) type).putLong(MIRROR_TID_AT, mirrorTid);
        for (int i = 0; i < slots(); i++) {
            BTreeElement e = elms[i];
            int at = HEADER + i * BTreeElement.SIZE;
            buf.putLong(at, e.objId()).putLong(at + 8, e.key()).putLong(at + 16, e.createTid())
                    .putLong(at + 24, e.deleteTid()).putShort(at + 32, (short) e.recType())
                    .put(at + 34, (byte) e.objType()).put(at + 35, (byte) e.btype()).putInt(at + 36, e.localization());
            if (isLeaf()) {
                buf.putInt(at + 40, e.createTs()).putInt(at + 44, e.deleteTs()).putLong(at + BTreeElement.DATA_OFFSET_AT,
                        e.dataOffset())
                        .putInt(at + 56, e.dataLen()).putInt(at + 60, e.dataCrc());
            } else {
                buf.putLong(at + BTreeElement.SUBTREE_AT, e.subtreeOffset()).putLong(at + BTreeElement.MIRROR_AT,
                        e.mirrorTid());
            }
        }
        buf.putInt(CRC_AT, Crc32c.of(dst, 4, SIZE - 4));
    }

    /**
     * Parses a node, checking its CRC, type, count, element types and that its keys ascend. DragonFly's
     * searches assume the order without checking it; checking costs one comparison per element here and turns
     * a CRC-valid misordered node into an error naming it instead of a lookup that silently misses.
     */
    static BTreeNode parse(long offset, byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String s = "B-tree node";
        if (buf.getInt(0) != Crc32c.of(bytes, 4, SIZE - 4)) {
            throw new HammerCorruptionException(s, offset, "node CRC mismatch");
        }
        int type = bytes[20];
        if (type != LEAF && type != INTERNAL) {
            throw new HammerCorruptionException(s, offset, "type " + type + " is neither 'I' nor 'L'");
        }
        BTreeNode n = new BTreeNode(offset, type, buf.getLong(8));
        n.count = buf.getInt(16);
        n.mirrorTid = buf.getLong(24);
        int max = type == LEAF ? LEAF_MAX : INTERNAL_MAX;
        if (n.count < 0 || n.count > max || (type == INTERNAL && n.count == 0)) {
            throw new HammerCorruptionException(s, offset, "count " + n.count + " out of range for type " + (char) type);
        }
        for (int i = 0; i < n.slots(); i++) {
            int at = HEADER + i * BTreeElement.SIZE;
            int btype = bytes[at + 35];
            boolean boundary = type == INTERNAL && i == n.count;
            if (type == LEAF ? btype != BTreeElement.RECORD : !boundary && btype != LEAF && btype != INTERNAL) {
                throw new HammerCorruptionException(s, offset, "element " + i + " has btype " + btype);
            }
            if (type == LEAF) {
                n.set(i, new BTreeElement(buf.getInt(at + 36), buf.getLong(at), buf.getShort(at + 32) & 0xFFFF,
                        buf.getLong(at + 8), buf.getLong(at + 16), buf.getLong(at + 24), bytes[at + 34] & 0xFF, btype,
                        0, 0, buf.getInt(at + 40), buf.getInt(at + 44), buf.getLong(at + 48), buf.getInt(at + 56),
                        buf.getInt(at + 60)));
            } else {
                n.set(i, new BTreeElement(buf.getInt(at + 36), buf.getLong(at), buf.getShort(at + 32) & 0xFFFF,
                        buf.getLong(at + 8), buf.getLong(at + 16), buf.getLong(at + 24), bytes[at + 34] & 0xFF, btype,
                        buf.getLong(at + 40), buf.getLong(at + 48), 0, 0, 0, 0, 0));
            }
            if (i > 0 && PackedKeys.compare(n.keys, (i - 1) * PackedKeys.STRIDE, n.keys, i * PackedKeys.STRIDE) >= 0) {
                throw new HammerCorruptionException(s, offset, "element " + i + " key " + n.elms[i].toKey()
                        + " is not above element " + (i - 1) + "'s " + n.elms[i - 1].toKey());
            }
        }
        return n;
    }
}
