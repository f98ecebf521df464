package org.odonata.fs.hammer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.btree.BTreeNode;

/**
 * Walks a B-tree and asserts its invariants: strict key order inside nodes, every record inside its node's
 * boundaries, internal nodes repeating their boundaries in elms[0] and elms[count], no empty internal node
 * (empty leaves are legal: hammer_btree_delete leaves one when removing it would deadlock), all leaves at one
 * depth, and mirror_tid aggregated upward. Returns the number of records.
 */
public final class TreeChecker {

    private TreeChecker() {
    }

    public static int check(BTree tree) {
        int[] records = {0};
        int[] leafDepth = {-1};
        tree.walk((node, depth, left, right) -> {
            String where = "node 0x" + Long.toHexString(node.offset());
            BTreeKey prev = null;
            if (node.isLeaf()) {
                if (leafDepth[0] < 0) {
                    leafDepth[0] = depth;
                }
                assertEquals(leafDepth[0], depth, where + ": leaves at different depths");
                for (int i = 0; i < node.count(); i++) {
                    BTreeElement e = node.element(i);
                    BTreeKey k = e.toKey();
                    assertTrue(prev == null || prev.compareTo(k) < 0, where + ": keys out of order at " + i);
                    assertTrue(left.compareTo(k) <= 0 && k.compareTo(right) < 0, where + ": " + k + " outside ["
                            + left + ", " + right + ")");
                    assertTrue(Long.compareUnsigned(node.mirrorTid(), Math.max(e.createTid(), e.deleteTid())) >= 0,
                            where + ": mirror_tid below a record's TID");
                    prev = k;
                }
                records[0] += node.count();
            } else {
                assertTrue(node.count() > 0, where + ": internal node without children");
                assertEquals(left, node.element(0).toKey(), where + ": elms[0] is not the left boundary");
                assertEquals(right, node.element(node.count()).toKey(), where + ": elms[count] is not the right boundary");
                for (int i = 0; i <= node.count(); i++) {
                    BTreeKey k = node.element(i).toKey();
                    assertTrue(prev == null || prev.compareTo(k) < 0, where + ": separators out of order at " + i);
                    prev = k;
                }
                for (int i = 0; i < node.count(); i++) {
                    BTreeNode child = tree.child(node, i);
                    assertTrue(Long.compareUnsigned(node.element(i).mirrorTid(), child.mirrorTid()) >= 0,
                            where + ": element " + i + " mirror_tid below its child's");
                    assertTrue(Long.compareUnsigned(node.mirrorTid(), node.element(i).mirrorTid()) >= 0,
                            where + ": node mirror_tid below element " + i);
                }
            }
        });
        return records[0];
    }
}
