package org.odonata.fs.hammer.check;

import java.util.HashSet;
import java.util.Set;

import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.btree.BTreeNode;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.ZoneOffset;

/**
 * Walks every B-tree node depth-first, left to right, and checks each against its parent: readable (CRC, type,
 * count, strict key order inside the node, all checked when a node is read), parent pointer, type as the parent
 * element says, boundaries repeated in elms[0] and elms[count], every record inside its node's boundaries, no empty node below the root, every leaf at
 * one depth, and mirror_tid aggregated upward (a node's ≥ its elements', a parent element's ≥ its child's).
 * A node that cannot be read is reported and its subtree skipped; the walk goes on with its siblings, so
 * {@link BTree#walk}, which stops at the first corrupt node, is not used. Records go to {@link RecordCheck} in
 * key order. One read per node.
 */
final class TreeCheck {

    private static final String NODE = "B-tree node";

    private final BTree tree;
    private final RecordCheck records;
    private final ReachableSpace space;
    private final ProblemLog log;
    private final Set<Long> seen = new HashSet<>();
    private int leafDepth = -1;

    TreeCheck(BTree tree, RecordCheck records, ReachableSpace space, ProblemLog log) {
        this.tree = tree;
        this.records = records;
        this.space = space;
        this.log = log;
    }

    /** Walks the tree from {@code root}; returns the number of nodes read. */
    long run(long root) {
        visit(root, 0, 0, 0, BTreeKey.MIN, BTreeKey.MAX, -1L);
        return seen.size();
    }

    /**
     * @param expectedType the type the parent element names, or 0 for the root
     * @param mirrorBound  the parent element's mirror_tid, which must be ≥ this node's (-1 = unsigned max)
     */
    private void visit(long offset, long parent, int expectedType, int depth, BTreeKey left, BTreeKey right,
            long mirrorBound) {
        if (depth > BTree.MAX_DEPTH) {
            log.add(NODE, offset, "deeper than " + BTree.MAX_DEPTH + " levels (cycle?)");
            return;
        }
        if (!seen.add(offset)) {
            log.add(NODE, offset, "reached a second time from " + ZoneOffset.hex(parent) + " (cross-linked subtree)");
            return;
        }
        BTreeNode n;
        try {
            n = tree.node(offset);
        } catch (HammerCorruptionException e) {
            log.add(e);
            return;
        }
        space.add(offset, BTreeNode.SIZE, ZoneOffset.BTREE, NODE, parent == 0 ? offset : parent);
        if (n.parent() != parent) {
            log.add(NODE, offset, "parent pointer " + ZoneOffset.hex(n.parent()) + " but reached from "
                    + ZoneOffset.hex(parent));
        }
        if (expectedType != 0 && n.type() != expectedType) {
            log.add(NODE, offset, "type '" + (char) n.type() + "' but its parent element says '" + (char) expectedType
                    + "'");
        }
        if (Long.compareUnsigned(mirrorBound, n.mirrorTid()) < 0) {
            log.add(NODE, offset, "mirror_tid " + ZoneOffset.hex(n.mirrorTid()) + " above its parent element's "
                    + ZoneOffset.hex(mirrorBound));
        }
        if (n.isLeaf()) {
            leaf(n, depth, left, right);
        } else {
            internal(n, depth, left, right);
        }
    }

    private void leaf(BTreeNode n, int depth, BTreeKey left, BTreeKey right) {
        long offset = n.offset();
        if (leafDepth < 0) {
            leafDepth = depth;
        } else if (leafDepth != depth) {
            log.add(NODE, offset, "leaf at depth " + depth + ", other leaves at depth " + leafDepth);
        }
        if (depth > 0 && n.count() == 0) {
            log.add(NODE, offset, "empty leaf below the root");
        }
        for (int i = 0; i < n.count(); i++) {
            BTreeElement e = n.element(i);
            BTreeKey k = e.toKey();
            long at = elementOffset(n, i);
            if (left.compareTo(k) > 0 || k.compareTo(right) >= 0) {
                log.add("B-tree element", at, "key " + k + " outside the node's boundaries [" + left + ", " + right + ")");
            }
            long newest = Long.compareUnsigned(e.createTid(), e.deleteTid()) >= 0 ? e.createTid() : e.deleteTid();
            if (Long.compareUnsigned(n.mirrorTid(), newest) < 0) {
                log.add(NODE, offset, "mirror_tid " + ZoneOffset.hex(n.mirrorTid()) + " below element " + i + "'s TID "
                        + ZoneOffset.hex(newest));
            }
            records.check(e, at);
        }
    }

    private void internal(BTreeNode n, int depth, BTreeKey left, BTreeKey right) {
        long offset = n.offset();
        if (!n.element(0).toKey().equals(left)) {
            log.add(NODE, offset, "elms[0] " + n.element(0).toKey() + " is not the left boundary " + left);
        }
        if (!n.element(n.count()).toKey().equals(right)) {
            log.add(NODE, offset, "elms[count] " + n.element(n.count()).toKey() + " is not the right boundary " + right);
        }
        for (int i = 0; i < n.count(); i++) {
            BTreeElement e = n.element(i);
            if (Long.compareUnsigned(n.mirrorTid(), e.mirrorTid()) < 0) {
                log.add(NODE, offset, "mirror_tid " + ZoneOffset.hex(n.mirrorTid()) + " below element " + i + "'s "
                        + ZoneOffset.hex(e.mirrorTid()));
            }
            visit(e.subtreeOffset(), offset, e.btype(), depth + 1, e.toKey(), n.element(i + 1).toKey(), e.mirrorTid());
        }
    }

    /** An element's place: its node's offset plus its byte position in the node. */
    static long elementOffset(BTreeNode n, int i) {
        return n.offset() + BTreeNode.HEADER + (long) i * BTreeElement.SIZE;
    }
}
