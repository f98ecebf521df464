package org.odonata.fs.hammer.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.odonata.fs.hammer.testing.TreeChecker;

/**
 * Every B-tree change declares what it changes before changing it (hammer_modify_node, hammer_modify_node_all,
 * hammer_modify_volume_field), so that a flush group cut after its metadata write is undone whole by recovery
 * (hammer_recover_stage1). Each test changes nodes that earlier groups committed, cuts the group, and checks that
 * the disk shows the whole change and recovery the whole old tree ({@link CutGroup}).
 */
class BTreeJournalTest {

    private final CutGroup group = new CutGroup();
    private final BTree tree = group.tree();

    private List<BTreeKey> insertShuffled(int from, int to, long seed) {
        return Records.insertShuffled(tree, from, to, seed);
    }

    /** btree_split_leaf and btree_split_internal on a full root: the new root and the header's root pointer too. */
    @Test
    void aCutGroupThatSplitCommittedLeavesAndTheRootGetsThemBack() {
        insertShuffled(0, 2400, 1);
        assertEquals(2, tree.height());
        group.commit();
        long root = tree.root().offset();
        insertShuffled(2400, 3400, 2);
        assertEquals(3, tree.height(), "the root split");
        BTree back = group.cutAndRecover();
        assertEquals(root, back.root().offset(), "the header's root pointer is restored");
        assertEquals(2, back.height());
        assertEquals(2400, TreeChecker.check(back));
    }

    /** btree_split_internal below the root: the moved children's parent pointers are declared. */
    @Test
    void aCutGroupThatSplitCommittedInternalNodesGetsThemBack() {
        insertShuffled(0, 9000, 3);
        assertEquals(3, tree.height());
        group.commit();
        int nodes = nodes(tree);
        insertShuffled(9000, 14000, 4);
        assertTrue(internalNodes(tree) > 3, "internal nodes below the root split");
        assertNotEquals(nodes, nodes(tree));
        assertEquals(9000, TreeChecker.check(group.cutAndRecover()));
    }

    /** hammer_delete_at_cursor sets delete_tid; hammer_btree_mirror_propagate raises mirror_tid to the root. */
    @Test
    void aCutGroupOfDeletionsRestoresDeleteTidsAndMirrorTids() {
        List<BTreeKey> keys = insertShuffled(0, 5000, 5);
        group.commit();
        long rootMirror = tree.root().mirrorTid();
        for (int i = 0; i < keys.size(); i += 37) {
            assertTrue(tree.markDeleted(keys.get(i), 90_000 + i, 7));
        }
        assertEquals(90_000 + 37 * ((keys.size() - 1) / 37), tree.root().mirrorTid());
        BTree back = group.cutAndRecover();
        assertEquals(rootMirror, back.root().mirrorTid());
        for (int i = 0; i < keys.size(); i += 37) {
            assertEquals(0, back.lookup(keys.get(i)).deleteTid(), keys.get(i).toString());
        }
    }

    /** btree_remove: emptied leaves and the internal nodes they empty are dropped, boundaries fixed up, undone whole. */
    @Test
    void aCutGroupOfPhysicalRemovalsRestoresTheDroppedNodes() {
        List<BTreeKey> keys = insertShuffled(0, 9000, 6);
        assertEquals(3, tree.height());
        group.commit();
        int nodes = nodes(tree);
        // a wide run from the start (first children) and one in the middle (later children, whole subtrees)
        List<BTreeKey> gone = new ArrayList<>(keys.subList(0, 1500));
        gone.addAll(keys.subList(4000, 7000));
        Collections.shuffle(gone, new Random(7));
        for (BTreeKey k : gone) {
            assertTrue(tree.remove(k));
        }
        assertTrue(nodes(tree) < nodes - 40, "leaves and internal nodes were dropped");
        BTree back = group.cutAndRecover();
        assertEquals(9000, TreeChecker.check(back));
        assertEquals(nodes, nodes(back));
    }

    /** Removing every record collapses the tree to an empty root leaf; recovery gives back all of it. */
    @Test
    void aCutGroupThatEmptiedTheTreeGetsEveryRecordBack() {
        List<BTreeKey> keys = insertShuffled(0, 3000, 8);
        group.commit();
        Collections.shuffle(keys, new Random(9));
        for (BTreeKey k : keys) {
            assertTrue(tree.remove(k));
        }
        assertEquals(1, tree.height());
        assertNull(tree.lookup(keys.get(0)));
        BTree back = group.cutAndRecover();
        assertEquals(3000, TreeChecker.check(back));
    }

    /** hammer_reblock_leaf_node / hammer_reblock_int_node and hammer_reblock_data: node moves and data moves. */
    @Test
    void aCutGroupOfRelocationsAndDataMovesPutsEverythingBack() {
        List<BTreeKey> keys = insertShuffled(0, 9000, 10);
        group.commit();
        BTreeNode root = tree.root();
        BTreeNode inner = tree.child(root, root.count() / 2);
        BTreeNode leaf = tree.child(inner, 1);
        long rootAt = root.offset();
        tree.relocate(leaf.offset(), at -> false);
        tree.relocate(inner.offset(), at -> false);
        long newRoot = tree.relocate(rootAt, at -> false);
        assertEquals(newRoot, tree.root().offset());
        for (int i = 0; i < keys.size(); i += 101) {
            assertTrue(tree.moveData(keys.get(i), 0x7000_0000L + i));
        }
        assertEquals(0x7000_0000L, tree.lookup(keys.get(0)).dataOffset());
        BTree back = group.cutAndRecover();
        assertEquals(rootAt, back.root().offset());
        assertEquals(0, back.lookup(keys.get(0)).dataOffset());
    }

    /**
     * Groups that change one committed node in one way only, so that no other change in the group declares that
     * node: a single leaf split under a committed parent, the split of a full committed root, the removal of one
     * whole subtree (left neighbour's boundary fix-up, or the next subtree's left boundary), one leaf relocation.
     */
    @Test
    void aCutGroupWithASingleLeafSplitRestoresItsCommittedParent() {
        List<BTreeKey> keys = insertShuffled(0, 2400, 11);
        group.commit();
        int children = tree.root().count();
        assertTrue(children < BTreeNode.INTERNAL_MAX, "the root has room: it does not split");
        BTreeKey near = keys.get(1200);
        for (long tid = 60_000; tree.root().count() == children; tid++) {
            tree.insert(Records.record(Records.key(near.objId(), near.key(), tid)));
        }
        assertEquals(2400, TreeChecker.check(group.cutAndRecover()));
    }

    @Test
    void aCutGroupWhoseFirstChangeToAFullRootIsItsSplitRestoresTheRoot() {
        List<BTreeKey> keys = new ArrayList<>();
        for (int i = 0; tree.root().isLeaf() || tree.root().count() < BTreeNode.INTERNAL_MAX; i++) {
            BTreeKey k = Records.key(i % 97, (i * 7919L) % 100_003, 100 + i);
            tree.insert(Records.record(k));
            keys.add(k);
        }
        assertEquals(2, tree.height());
        group.commit();
        tree.insert(Records.record(Records.key(50, 1, 70_000)));
        assertEquals(3, tree.height(), "the full root split on the way down");
        assertEquals(keys.size(), TreeChecker.check(group.cutAndRecover()));
    }

    @Test
    void aCutGroupThatRemovedOneMiddleSubtreeRestoresItsLeftNeighboursBoundary() {
        removeSubtreeOfRootChild(2);
    }

    @Test
    void aCutGroupThatRemovedTheFirstSubtreeRestoresTheNextOnesLeftBoundary() {
        removeSubtreeOfRootChild(0);
    }

    private void removeSubtreeOfRootChild(int i) {
        insertShuffled(0, 9000, 12);
        assertEquals(3, tree.height());
        group.commit();
        BTreeNode root = tree.root();
        int children = root.count();
        List<BTreeElement> under = tree.range(root.element(i).toKey(), root.element(i + 1).toKey(), BTree.AS_OF_NOW);
        for (BTreeElement e : under) {
            assertTrue(tree.remove(e.toKey()));
        }
        assertEquals(children - 1, tree.root().count(), "the whole subtree went");
        assertEquals(9000, TreeChecker.check(group.cutAndRecover()));
    }

    @Test
    void aCutGroupThatRelocatedOneLeafRestoresItsParentsPointer() {
        insertShuffled(0, 3000, 13);
        group.commit();
        BTreeNode leaf = tree.root();
        while (!leaf.isLeaf()) {
            leaf = tree.child(leaf, leaf.count() / 2);
        }
        tree.relocate(leaf.offset(), at -> false);
        assertEquals(3000, TreeChecker.check(group.cutAndRecover()));
    }

    private static int nodes(BTree t) {
        int[] n = {0};
        t.walk((node, depth, left, right) -> n[0]++);
        return n[0];
    }

    private static int internalNodes(BTree t) {
        int[] n = {0};
        t.walk((node, depth, left, right) -> n[0] += node.isLeaf() ? 0 : 1);
        return n[0];
    }
}
