package org.odonata.fs.hammer.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Searches compare packed keys: they must order every key exactly as {@link BTreeKey#compareTo} does (unsigned
 * localization and create_tid with 0 = +∞, signed obj_id and key), and a node's packed search must land where the
 * element-by-element search lands, for history (one key at several create_tids) and as-of visibility too.
 */
class PackedKeysTest {

    private static final long[] EDGE_LONGS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -2, -1, 0, 1, 2, Long.MAX_VALUE - 1,
            Long.MAX_VALUE, 0xFFFF_FFFFL, 1L << 32, 1L << 48, (1L << 48) - 1};
    private static final int[] EDGE_INTS = {0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF};
    private static final int[] EDGE_RECS = {0, 1, 0x10, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};

    /** Keys drawn mostly from edge values, so neighbouring fields' bits meet at every word boundary. */
    private static BTreeKey randomKey(SplittableRandom r) {
        int loc = r.nextInt(3) == 0 ? r.nextInt() : EDGE_INTS[r.nextInt(EDGE_INTS.length)];
        long obj = r.nextInt(3) == 0 ? r.nextLong() : EDGE_LONGS[r.nextInt(EDGE_LONGS.length)];
        int rec = r.nextInt(3) == 0 ? r.nextInt(0x10000) : EDGE_RECS[r.nextInt(EDGE_RECS.length)];
        long key = r.nextInt(3) == 0 ? r.nextLong() : EDGE_LONGS[r.nextInt(EDGE_LONGS.length)];
        long tid = r.nextInt(3) == 0 ? r.nextLong() : EDGE_LONGS[r.nextInt(EDGE_LONGS.length)];
        return new BTreeKey(loc, obj, rec, key, tid);
    }

    @Test
    void packedKeysCompareAsTheKeysDo() {
        SplittableRandom r = new SplittableRandom(31);
        for (int n = 0; n < 200_000; n++) {
            BTreeKey a = randomKey(r);
            BTreeKey b = r.nextInt(4) == 0 ? a.atTid(r.nextLong()) : randomKey(r);
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(PackedKeys.compare(PackedKeys.of(a), 0,
                    PackedKeys.of(b), 0)), a + " vs " + b);
        }
        assertEquals(1, Integer.signum(PackedKeys.compare(PackedKeys.of(BTreeKey.MAX), 0, PackedKeys.of(BTreeKey.MIN),
                0)));
    }

    @Test
    void createTidComesBackFromThePackedWords() {
        SplittableRandom r = new SplittableRandom(32);
        for (int n = 0; n < 10_000; n++) {
            BTreeKey k = randomKey(r);
            assertEquals(k.createTid(), PackedKeys.createTid(PackedKeys.of(k), 0), k.toString());
        }
    }

    @Test
    void recTypeOutsideItsSixteenBitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BTreeKey(0, 1, 0x10000, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BTreeKey(0, 1, -1, 0, 1));
    }

    /** A leaf of up to 63 records: a few keys, each at up to 4 create_tids, older versions deleted by the next. */
    private static BTreeNode leafWithHistory(SplittableRandom r, List<BTreeElement> out) {
        TreeSet<BTreeKey> keys = new TreeSet<>();
        long obj = r.nextLong(4);
        while (keys.size() < 1 + r.nextInt(BTreeNode.LEAF_MAX)) {
            BTreeKey k = new BTreeKey(2, obj, 0x10, r.nextLong(40) - 20, 0);
            long tid = 1 + r.nextLong(50);
            for (int v = r.nextInt(4); v >= 0 && keys.size() < BTreeNode.LEAF_MAX; v--) {
                keys.add(k.atTid(tid));
                tid += 1 + r.nextLong(20);
            }
        }
        BTreeNode leaf = new BTreeNode(0, BTreeNode.LEAF, 0);
        List<BTreeKey> sorted = new ArrayList<>(keys);
        for (int i = 0; i < sorted.size(); i++) {
            BTreeKey k = sorted.get(i);
            BTreeKey next = i + 1 < sorted.size() ? sorted.get(i + 1) : null;
            boolean superseded = next != null && next.atTid(0).equals(k.atTid(0));
            BTreeElement e = BTreeElement.record(k, 2, 0, r.nextLong(), r.nextInt(Integer.MAX_VALUE), r.nextInt());
            if (superseded) {
                e = e.withDelete(next.createTid(), 0);
            }
            out.add(e);
            leaf.insertSlot(i, e);
        }
        assertEquals(sorted.size(), leaf.count());
        return leaf;
    }

    @Test
    void leafSearchAndVisibilityAgreeWithTheElementsIncludingHistoryAndAsOf() {
        SplittableRandom r = new SplittableRandom(33);
        for (int n = 0; n < 2_000; n++) {
            List<BTreeElement> elms = new ArrayList<>();
            BTreeNode leaf = leafWithHistory(r, elms);
            for (int q = 0; q < 50; q++) {
                BTreeElement probe = elms.get(r.nextInt(elms.size()));
                long tid = switch (r.nextInt(3)) {
                    case 0 -> probe.createTid();
                    case 1 -> 0;
                    default -> 1 + r.nextLong(200);
                };
                BTreeKey key = new BTreeKey(2, probe.objId() + r.nextInt(3) - 1, 0x10, probe.key() + r.nextInt(3) - 1,
                        tid);
                int expected = 0;
                while (expected < elms.size() && elms.get(expected).compareTo(key) < 0) {
                    expected++;
                }
                assertEquals(expected, leaf.lowerBound(key), "lower bound of " + key);
                long asOf = r.nextInt(4) == 0 ? BTree.AS_OF_NOW : r.nextLong(200);
                for (int i = 0; i < elms.size(); i++) {
                    BTreeElement e = elms.get(i);
                    assertEquals(e.visibleAt(asOf), leaf.visibleAt(i, asOf), "element " + i + " as of " + asOf);
                    assertEquals(List.of(e.key(), e.dataOffset(), e.dataLen(), e.dataCrc()), List.of(leaf.key(i),
                            leaf.dataOffset(i), leaf.dataLen(i), leaf.dataCrc(i)), "fields read in place");
                    assertEquals(Integer.signum(elms.get(i).compareTo(key)), Integer.signum(leaf.compareAt(i,
                            PackedKeys.of(key))));
                }
            }
        }
    }

    @Test
    void internalSearchFindsTheChildWhoseRangeHoldsTheKeyAfterSlotsMoveAndChange() {
        SplittableRandom r = new SplittableRandom(34);
        for (int n = 0; n < 2_000; n++) {
            TreeSet<BTreeKey> bounds = new TreeSet<>();
            int children = 1 + r.nextInt(BTreeNode.INTERNAL_MAX);
            while (bounds.size() < children - 1) {
                bounds.add(randomKey(r));
            }
            List<BTreeKey> b = new ArrayList<>();
            b.add(BTreeKey.MIN);
            b.addAll(bounds);
            b.add(BTreeKey.MAX);
            BTreeNode node = new BTreeNode(0, BTreeNode.INTERNAL, 0);
            // build through every way slots change: set, insert, then a copy into a fresh node
            node.set(0, BTreeElement.internal(b.get(0), BTreeNode.LEAF, 4096, 0));
            node.set(1, BTreeElement.internal(b.getLast(), 0, 0, 0));
            node.count = 1;
            for (int i = 1; i < children; i++) {
                node.insertSlot(i, BTreeElement.internal(b.get(i), BTreeNode.LEAF, 4096L * (i + 1), 0));
            }
            BTreeNode copy = new BTreeNode(4096, BTreeNode.INTERNAL, 0);
            copy.copySlots(node, 0, 0, children + 1);
            copy.count = children;
            if (children > 1 && r.nextBoolean()) {
                int gone = 1 + r.nextInt(children - 1);
                copy.removeSlot(gone);
                b.remove(gone);
                children--;
            }
            for (int i = 0; i <= children; i++) {
                assertEquals(copy.element(i).subtreeOffset(), copy.subtreeOffset(i), "subtree_offset in place");
                assertEquals(copy.element(i).btype(), copy.childType(i), "child type in place");
            }
            for (int q = 0; q < 50; q++) {
                BTreeKey key = r.nextInt(3) == 0 ? b.get(r.nextInt(children)) : randomKey(r);
                int expected = 0;
                while (expected + 1 < children && b.get(expected + 1).compareTo(key) <= 0) {
                    expected++;
                }
                assertEquals(expected, copy.childIndex(key), "child for " + key);
            }
        }
    }
}
