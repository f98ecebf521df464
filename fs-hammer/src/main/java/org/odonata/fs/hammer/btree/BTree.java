package org.odonata.fs.hammer.btree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * The HAMMER B+tree (hammer_btree.c). Inserts split full nodes on the way down, so a split never has to
 * climb back up; physical removal drops nodes that become empty and never rebalances; every change raises
 * the changed leaf's mirror_tid and propagates it upward until an ancestor already has it. Deleting a record
 * normally means setting its delete_tid ({@link #markDeleted}), which keeps history; {@link #remove} is the
 * physical removal prune uses; {@link #moveData} and {@link #relocate} move data and nodes for reblock. A search costs one node per level (height ≤ log62 n); every node visited
 * passes its CRC, type and parent checks or raises a {@link HammerCorruptionException}.
 * <p>
 * Simplification versus DragonFly: the separator chosen by a split is the right half's first key rather
 * than a key synthesised between the two halves.
 */
public final class BTree {

    /** "Now": an as-of TID at which exactly the live records (delete_tid 0) are visible. */
    public static final long AS_OF_NOW = -1L;
    /** Deeper than any tree of 2^64 keys: a deeper descent means a cycle. */
    public static final int MAX_DEPTH = 24;

    private final Volume vol;
    private final Blockmap blockmap;

    public BTree(Volume vol, Blockmap blockmap) {
        this.vol = vol;
        this.blockmap = blockmap;
    }

    /** Gives a new volume its root: an empty leaf. */
    public static void createRoot(Volume vol, Blockmap blockmap) {
        BTreeNode root = new BTree(vol, blockmap).allocNode(BTreeNode.LEAF, 0);
        vol.modifyHeader(VolumeHeader.BTREE_ROOT_AT, 8);
        vol.header().setBtreeRoot(root.offset());
    }

    public BTreeNode root() {
        BTreeNode root = node(vol.header().btreeRoot());
        if (root.parent != 0) {
            throw new HammerCorruptionException("B-tree node", root.offset(), "root has a parent pointer");
        }
        return root;
    }

    /** The node at a B-tree zone offset, from the cache or the disk (checked). */
    public BTreeNode node(long offset) {
        if (ZoneOffset.zone(offset) != ZoneOffset.BTREE || offset % BTreeNode.SIZE != 0) {
            throw new HammerCorruptionException("B-tree node", offset, "not a 4 KB aligned B-tree zone offset");
        }
        if (vol.meta().get(offset) instanceof BTreeNode n) {
            return n;
        }
        BTreeNode n = BTreeNode.parse(offset, vol.read(offset, BTreeNode.SIZE, "B-tree node"));
        vol.meta().loaded(n);
        return n;
    }

    /** Child {@code i} of an internal node, checked against the element that points at it. */
    public BTreeNode child(BTreeNode parent, int i) {
        BTreeElement e = parent.elms[i];
        BTreeNode c = node(e.subtreeOffset());
        if (c.type != e.btype()) {
            throw new HammerCorruptionException("B-tree node", c.offset(), "type '" + (char) c.type
                    + "' but its parent element says '" + (char) e.btype() + "'");
        }
        if (c.parent != parent.offset()) {
            throw new HammerCorruptionException("B-tree node", c.offset(), "parent pointer "
                    + ZoneOffset.hex(c.parent) + " but reached from " + ZoneOffset.hex(parent.offset()));
        }
        return c;
    }

    /** Inserts a record; its key must not exist yet. */
    public void insert(BTreeElement e) {
        BTreeKey key = e.toKey();
        BTreeNode node = root();
        if (node.full()) {
            node = splitRoot(node);
        }
        for (int depth = 0; !node.isLeaf(); depth++) {
            checkDepth(depth, node);
            int i = node.childIndex(key);
            BTreeNode c = child(node, i);
            if (c.full()) {
                split(node, i, c);
                i = node.childIndex(key);
                c = child(node, i);
            }
            node = c;
        }
        int at = node.lowerBound(key);
        if (at < node.count && node.elms[at].compareTo(key) == 0) {
            throw new IllegalStateException("duplicate B-tree key " + key);
        }
        modifyAll(node);
        node.insertSlot(at, e);
        propagate(node, Math.max(e.createTid(), e.deleteTid()));
    }

    /** Sets a record's delete_tid (history is kept); false if no record has exactly this key. */
    public boolean markDeleted(BTreeKey key, long deleteTid, int deleteTs) {
        BTreeNode leaf = leafFor(key);
        int at = leaf.lowerBound(key);
        if (at == leaf.count || leaf.elms[at].compareTo(key) != 0) {
            return false;
        }
        modifyField(leaf, BTreeNode.elementAt(at), BTreeElement.SIZE);
        leaf.elms[at] = leaf.elms[at].withDelete(deleteTid, deleteTs);
        propagate(leaf, deleteTid);
        return true;
    }

    /** Physically removes a record, dropping nodes that become empty; false if absent. */
    public boolean remove(BTreeKey key) {
        BTreeNode leaf = leafFor(key);
        int at = leaf.lowerBound(key);
        if (at == leaf.count || leaf.elms[at].compareTo(key) != 0) {
            return false;
        }
        modifyAll(leaf);
        leaf.removeSlot(at);
        if (leaf.count == 0 && leaf.parent != 0) {
            removeNode(leaf);
        }
        return true;
    }

    /** Points a record at a new copy of its data (reblock); false if no record has exactly this key. */
    public boolean moveData(BTreeKey key, long dataOffset) {
        BTreeNode leaf = leafFor(key);
        int at = leaf.lowerBound(key);
        if (at == leaf.count || leaf.elms[at].compareTo(key) != 0) {
            return false;
        }
        modifyField(leaf, BTreeNode.elementAt(at) + BTreeElement.DATA_OFFSET_AT, 8);
        leaf.elms[at] = leaf.elms[at].withDataOffset(dataOffset);
        return true;
    }

    /**
     * Moves a node to newly allocated space, never into a big-block {@code avoid} accepts (reblock): the
     * parent's element (or the header's root pointer) and the children's parent pointers follow, and the old
     * space is freed. Keys, counts and mirror_tids do not change. Returns the new offset.
     */
    public long relocate(long offset, LongPredicate avoid) {
        BTreeNode old = node(offset);
        BTreeNode n = new BTreeNode(blockmap.alloc(ZoneOffset.BTREE, BTreeNode.SIZE, avoid), old.type, old.parent);
        n.count = old.count;
        n.mirrorTid = old.mirrorTid;
        System.arraycopy(old.elms, 0, n.elms, 0, old.elms.length);
        vol.meta().created(n);
        if (old.parent == 0) {
            vol.modifyHeader(VolumeHeader.BTREE_ROOT_AT, 8);
            vol.header().setBtreeRoot(n.offset());
        } else {
            BTreeNode p = node(old.parent);
            int i = p.indexOfChild(offset);
            modifyField(p, BTreeNode.elementAt(i) + BTreeElement.SUBTREE_AT, 8);
            p.elms[i] = p.elms[i].withSubtree(p.elms[i].btype(), n.offset(), p.elms[i].mirrorTid());
        }
        for (int j = 0; !n.isLeaf() && j < n.count; j++) {
            BTreeNode c = node(n.elms[j].subtreeOffset());
            modifyField(c, BTreeNode.PARENT_AT, 8);
            c.parent = n.offset();
        }
        blockmap.free(offset, BTreeNode.SIZE);
        vol.meta().freed(offset);
        return n.offset();
    }

    /** The record with exactly this key (any delete_tid), or null. */
    public BTreeElement lookup(BTreeKey key) {
        BTreeNode leaf = leafFor(key);
        int at = leaf.lowerBound(key);
        return at < leaf.count && leaf.elms[at].compareTo(key) == 0 ? leaf.elms[at] : null;
    }

    /** Records with {@code from ≤ key < to} visible as of {@code asOf} ({@link #AS_OF_NOW}: live ones). */
    public List<BTreeElement> range(BTreeKey from, BTreeKey to, long asOf) {
        List<BTreeElement> out = new ArrayList<>();
        BTreeCursor c = cursor().seek(from);
        while (c.hasNext()) {
            BTreeElement e = c.next();
            if (e.compareTo(to) >= 0) {
                break;
            }
            if (e.visibleAt(asOf)) {
                out.add(e);
            }
        }
        return out;
    }

    public BTreeCursor cursor() {
        return new BTreeCursor(this);
    }

    /** Visits every node depth-first, with the boundaries its parent gives it (for checkers). */
    public void walk(NodeVisitor visitor) {
        walk(root(), 0, BTreeKey.MIN, BTreeKey.MAX, visitor);
    }

    private void walk(BTreeNode node, int depth, BTreeKey left, BTreeKey right, NodeVisitor visitor) {
        checkDepth(depth, node);
        visitor.visit(node, depth, left, right);
        if (!node.isLeaf()) {
            for (int i = 0; i < node.count; i++) {
                walk(child(node, i), depth + 1, node.elms[i].toKey(), node.elms[i + 1].toKey(), visitor);
            }
        }
    }

    /** Levels from the root to the leaves (1 for a lone root leaf). */
    public int height() {
        BTreeNode n = root();
        int h = 1;
        while (!n.isLeaf()) {
            checkDepth(h, n);
            n = child(n, 0);
            h++;
        }
        return h;
    }

    BTreeNode leafFor(BTreeKey key) {
        BTreeNode n = root();
        for (int depth = 0; !n.isLeaf(); depth++) {
            checkDepth(depth, n);
            n = child(n, n.childIndex(key));
        }
        return n;
    }

    static void checkDepth(int depth, BTreeNode n) {
        if (depth > MAX_DEPTH) {
            throw new HammerCorruptionException("B-tree node", n.offset(), "deeper than " + MAX_DEPTH + " levels (cycle?)");
        }
    }

    private BTreeNode allocNode(int type, long parent) {
        BTreeNode n = new BTreeNode(blockmap.alloc(ZoneOffset.BTREE, BTreeNode.SIZE), type, parent);
        vol.meta().created(n);
        return n;
    }

    /** hammer_modify_node_all: the whole node goes into the group's UNDO. */
    private void modifyAll(BTreeNode n) {
        vol.meta().modifyAll(n);
    }

    /** hammer_modify_node / hammer_modify_node_field: one field, and the node's CRC, go into the group's UNDO. */
    private void modifyField(BTreeNode n, int at, int length) {
        vol.meta().modify(n, BTreeNode.CRC_AT, 4);
        vol.meta().modify(n, at, length);
    }

    private BTreeNode splitRoot(BTreeNode old) {
        BTreeNode root = allocNode(BTreeNode.INTERNAL, 0);
        root.elms[0] = BTreeElement.internal(BTreeKey.MIN, old.type, old.offset(), old.mirrorTid);
        root.elms[1] = BTreeElement.internal(BTreeKey.MAX, 0, 0, 0);
        root.count = 1;
        root.mirrorTid = old.mirrorTid;
        modifyAll(old);
        old.parent = root.offset();
        vol.modifyHeader(VolumeHeader.BTREE_ROOT_AT, 8);
        vol.header().setBtreeRoot(root.offset());
        split(root, 0, old);
        return root;
    }

    /** Splits the full child {@code i} of {@code parent} in two; the parent has room (top-down). */
    private void split(BTreeNode parent, int i, BTreeNode child) {
        modifyAll(parent);
        modifyAll(child);
        BTreeNode right = allocNode(child.type, parent.offset());
        right.mirrorTid = child.mirrorTid;
        BTreeKey separator;
        if (child.isLeaf()) {
            int keep = (child.count + 1) / 2;
            right.count = child.count - keep;
            System.arraycopy(child.elms, keep, right.elms, 0, right.count);
            Arrays.fill(child.elms, keep, child.count, null);
            child.count = keep;
            separator = right.elms[0].toKey();
        } else {
            int keep = child.count / 2;
            right.count = child.count - keep;
            System.arraycopy(child.elms, keep, right.elms, 0, right.count + 1);
            separator = child.elms[keep].toKey();
            Arrays.fill(child.elms, keep + 1, child.count + 1, null);
            child.elms[keep] = BTreeElement.internal(separator, 0, 0, 0);
            child.count = keep;
            for (int j = 0; j < right.count; j++) {
                BTreeNode grandchild = node(right.elms[j].subtreeOffset());
                modifyField(grandchild, BTreeNode.PARENT_AT, 8);
                grandchild.parent = right.offset();
            }
        }
        parent.insertSlot(i + 1, BTreeElement.internal(separator, child.type, right.offset(), right.mirrorTid));
    }

    /** Drops an empty non-root node from its parent, merging its key range into a neighbour. */
    private void removeNode(BTreeNode n) {
        BTreeNode p = node(n.parent);
        int i = p.indexOfChild(n.offset());
        blockmap.free(n.offset(), BTreeNode.SIZE);
        vol.meta().freed(n.offset());
        modifyAll(p);
        if (p.count == 1) {
            if (p.parent == 0) {
                Arrays.fill(p.elms, null);
                p.type = BTreeNode.LEAF;
                p.count = 0;
            } else {
                removeNode(p);
            }
            return;
        }
        if (i > 0) {
            p.removeSlot(i);
            BTreeElement bound = p.elms[i];
            for (BTreeNode c = child(p, i - 1); !c.isLeaf(); c = child(c, c.count - 1)) {
                modifyField(c, BTreeNode.elementAt(c.count), BTreeElement.SIZE);
                c.elms[c.count] = bound.asBoundary();
            }
        } else {
            BTreeElement next = p.elms[1];
            p.elms[0] = p.elms[0].withSubtree(next.btype(), next.subtreeOffset(), next.mirrorTid());
            p.removeSlot(1);
            BTreeElement bound = p.elms[0];
            for (BTreeNode c = child(p, 0); !c.isLeaf(); c = child(c, 0)) {
                modifyField(c, BTreeNode.elementAt(0), BTreeElement.SIZE);
                c.elms[0] = c.elms[0].withKeyOf(bound);
            }
        }
    }

    /** hammer_btree_mirror_propagate: raises mirror_tid from a changed node up to the first ancestor that has it. */
    private void propagate(BTreeNode node, long tid) {
        if (tid == 0) {
            return;
        }
        if (Long.compareUnsigned(node.mirrorTid, tid) < 0) {
            modifyField(node, BTreeNode.MIRROR_TID_AT, 8);
            node.mirrorTid = tid;
        }
        for (int depth = 0; node.parent != 0; depth++) {
            checkDepth(depth, node);
            BTreeNode p = node(node.parent);
            int i = p.indexOfChild(node.offset());
            if (Long.compareUnsigned(p.elms[i].mirrorTid(), tid) >= 0) {
                return;
            }
            modifyField(p, BTreeNode.elementAt(i) + BTreeElement.MIRROR_AT, 8);
            p.elms[i] = p.elms[i].withMirror(tid);
            if (Long.compareUnsigned(p.mirrorTid, tid) < 0) {
                modifyField(p, BTreeNode.MIRROR_TID_AT, 8);
                p.mirrorTid = tid;
            }
            node = p;
        }
    }
}
