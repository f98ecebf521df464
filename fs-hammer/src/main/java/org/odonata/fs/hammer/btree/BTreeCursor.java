package org.odonata.fs.hammer.btree;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Records in key order from a starting key. It takes one leaf's records at a time with the leaf locked (a
 * {@link Cursor} search) and holds no lock between calls, so an abandoned iteration leaves nothing locked and a
 * long scan never holds up the flusher; the next leaf is found by searching again just past the last record
 * returned. Records changed by others between leaves are seen as they are then, as DragonFly's iterations see
 * concurrent changes. Seeking costs one node per level; stepping is O(1) amortised.
 */
public final class BTreeCursor implements Iterator<BTreeElement> {

    private final BTree tree;
    private List<BTreeElement> leaf = List.of();
    private int at;
    private BTreeKey last;
    private boolean exhausted = true;

    BTreeCursor(BTree tree) {
        this.tree = tree;
    }

    /** Positions at the first record ≥ key. */
    public BTreeCursor seek(BTreeKey key) {
        leaf = tree.leafFrom(key, null);
        at = 0;
        exhausted = leaf.isEmpty();
        return this;
    }

    @Override
    public boolean hasNext() {
        if (at < leaf.size()) {
            return true;
        }
        if (!exhausted) {
            leaf = tree.leafFrom(last, last);
            at = 0;
            exhausted = leaf.isEmpty();
        }
        return at < leaf.size();
    }

    @Override
    public BTreeElement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BTreeElement e = leaf.get(at++);
        last = e.toKey();
        return e;
    }
}
