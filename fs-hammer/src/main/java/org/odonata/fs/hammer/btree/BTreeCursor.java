package org.odonata.fs.hammer.btree;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A position in the B-tree's leaf level with the path of nodes above it, for lookups and range scans in
 * key order. Seeking costs one node per level; stepping is O(1) amortised. A cursor is invalidated by any
 * change to the tree; take a new one after a change.
 */
public final class BTreeCursor implements Iterator<BTreeElement> {

    private final BTree tree;
    private final BTreeNode[] path = new BTreeNode[BTree.MAX_DEPTH + 2];
    private final int[] index = new int[BTree.MAX_DEPTH + 2];
    /** Index of the leaf in {@link #path}, or -1 when exhausted. */
    private int depth = -1;

    BTreeCursor(BTree tree) {
        this.tree = tree;
    }

    /** Positions at the first record ≥ key. */
    public BTreeCursor seek(BTreeKey key) {
        BTreeNode n = tree.root();
        depth = 0;
        while (!n.isLeaf()) {
            BTree.checkDepth(depth, n);
            int i = n.childIndex(key);
            path[depth] = n;
            index[depth] = i;
            n = tree.child(n, i);
            depth++;
        }
        path[depth] = n;
        index[depth] = n.lowerBound(key);
        settle();
        return this;
    }

    @Override
    public boolean hasNext() {
        return depth >= 0;
    }

    @Override
    public BTreeElement next() {
        if (depth < 0) {
            throw new NoSuchElementException();
        }
        BTreeElement e = path[depth].elms[index[depth]];
        index[depth]++;
        settle();
        return e;
    }

    /** Moves past exhausted nodes to the next record, or to the end. */
    private void settle() {
        while (depth >= 0 && index[depth] >= path[depth].count) {
            depth--;
            if (depth < 0) {
                return;
            }
            index[depth]++;
            while (depth >= 0 && index[depth] < path[depth].count && !path[depth].isLeaf()) {
                BTreeNode c = tree.child(path[depth], index[depth]);
                depth++;
                BTree.checkDepth(depth, c);
                path[depth] = c;
                index[depth] = 0;
                if (c.isLeaf()) {
                    break;
                }
            }
        }
    }
}
