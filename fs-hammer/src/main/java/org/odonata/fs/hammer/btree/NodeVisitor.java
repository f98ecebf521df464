package org.odonata.fs.hammer.btree;

/** Receives every node of a {@link BTree#walk}, for checkers. */
@FunctionalInterface
public interface NodeVisitor {

    /**
     * @param node  the node
     * @param depth 0 for the root
     * @param left  its left boundary (inclusive) as its parent records it
     * @param right its right boundary (exclusive)
     */
    void visit(BTreeNode node, int depth, BTreeKey left, BTreeKey right);
}
