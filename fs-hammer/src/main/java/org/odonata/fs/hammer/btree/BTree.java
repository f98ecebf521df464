package org.odonata.fs.hammer.btree;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.LongPredicate;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.lock.HammerThreads;
import org.odonata.fs.hammer.lock.LockStats;
import org.odonata.fs.hammer.lock.LockTable;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * The HAMMER B+tree (hammer_btree.c). Inserts split full nodes on the way down (btree_search with
 * HAMMER_CURSOR_INSERT), so a split never has to climb back up; a leaf splits at the middle, or at three
 * quarters when records arrive in ascending order (btree_split_leaf's HAMMER_NODE_NONLINEAR heuristic), with a
 * separator halfway between its neighbours ({@link BTreeKey#separator}, hammer_make_separator); an internal node
 * promotes its middle boundary (btree_split_internal). Physical removal drops nodes that become empty and never
 * rebalances. Every change raises the changed leaf's mirror_tid and propagates it upward until an ancestor
 * already has it. Deleting a record normally means setting its delete_tid ({@link #markDeleted}), which keeps
 * history; {@link #remove} is the physical removal prune uses; {@link #moveData} and {@link #relocate} move
 * data and nodes for reblock. A search costs one node per level (height ≤ log62 n); every node visited passes
 * its CRC, type, order and parent checks or raises a {@link HammerCorruptionException}.
 * <p>
 * Concurrency as in DragonFly: every operation moves a {@link Cursor} that holds its node and the node's parent
 * locked, shared while searching and upgraded to exclusive where it changes them. An upgrade that meets another
 * sharer is EDEADLK: the operation drops everything, waits for that node, counts a retry and starts again.
 * Nothing is changed before every lock an operation needs is held, so a retry never has to undo anything; after
 * a change, mirror_tid propagation climbs with fresh cursors and retries on its own. A removal that cannot lock
 * the ancestors it would collapse leaves the empty leaf in place, as btree_remove does. {@link #walk} and
 * {@link #height} take no locks: they are for checkers and tools on a quiescent tree.
 */
public final class BTree {

    /** "Now": an as-of TID at which exactly the live records (delete_tid 0) are visible. */
    public static final long AS_OF_NOW = -1L;
    /** Deeper than any tree of 2^64 keys: a deeper descent means a cycle. */
    public static final int MAX_DEPTH = 24;

    private final Volume vol;
    private final Blockmap blockmap;
    private final LockStats stats;
    private final LockTable locks;

    /** A tree used by one caller at a time (tools, checkers, the shell's volumes). */
    public BTree(Volume vol, Blockmap blockmap) {
        this(vol, blockmap, HammerThreads.single(), new LockStats());
    }

    /** A tree whose node locks sleep and wake through {@code threads}. */
    public BTree(Volume vol, Blockmap blockmap, HammerThreads threads, LockStats stats) {
        this.vol = vol;
        this.blockmap = blockmap;
        this.stats = stats;
        this.locks = new LockTable(threads, stats);
    }

    /** Gives a new volume its root: an empty leaf. */
    public static void createRoot(Volume vol, Blockmap blockmap) {
        BTreeNode root = new BTree(vol, blockmap).allocNode(BTreeNode.LEAF, 0);
        vol.modifyHeader(VolumeHeader.BTREE_ROOT_AT, 8);
        vol.header().setBtreeRoot(root.offset());
    }

    /** How the node locks fared. */
    public LockStats stats() {
        return stats;
    }

    long rootOffset() {
        return vol.header().btreeRoot();
    }

    public BTreeNode root() {
        BTreeNode root = node(rootOffset());
        if (root.parent != 0) {
            throw new HammerCorruptionException("B-tree node", root.offset(), "root has a parent pointer");
        }
        return root;
    }

    /**
     * The node at a B-tree zone offset, from the cache or the disk (checked). A node another thread loaded or
     * changed while this one waited for the disk is taken from the cache instead (hammer_get_node keeps one
     * in-memory node per offset).
     */
    public BTreeNode node(long offset) {
        if (ZoneOffset.zone(offset) != ZoneOffset.BTREE || offset % BTreeNode.SIZE != 0) {
            throw new HammerCorruptionException("B-tree node", offset, "not a 4 KB aligned B-tree zone offset");
        }
        if (vol.meta().get(offset) instanceof BTreeNode n) {
            return n;
        }
        BTreeNode read = BTreeNode.parse(offset, vol.read(offset, BTreeNode.SIZE, "B-tree node"));
        if (vol.meta().get(offset) instanceof BTreeNode n) {
            return n;
        }
        vol.meta().loaded(read);
        return read;
    }

    /** Child {@code i} of an internal node, checked against the element that points at it. */
    public BTreeNode child(BTreeNode parent, int i) {
        BTreeNode c = node(parent.subtreeOffset(i));
        if (c.type != parent.childType(i)) {
            throw new HammerCorruptionException("B-tree node", c.offset(), "type '" + (char) c.type
                    + "' but its parent element says '" + (char) parent.childType(i) + "'");
        }
        if (c.parent != parent.offset()) {
            throw new HammerCorruptionException("B-tree node", c.offset(), "parent pointer "
                    + ZoneOffset.hex(c.parent) + " but reached from " + ZoneOffset.hex(parent.offset()));
        }
        return c;
    }

    // ---- searches ----

    /** btree_search without inserting: the leaf that holds {@code key}'s position, locked shared. */
    private Cursor search(BTreeKey key) {
        long[] k = PackedKeys.of(key);
        Cursor c = new Cursor(this, locks).atRoot();
        for (int depth = 0; !c.node.isLeaf(); depth++) {
            checkDepth(depth, c.node);
            c.index = c.node.childIndex(k);
            c.down();
        }
        c.index = c.node.lowerBound(k);
        return c;
    }

    /**
     * btree_search with HAMMER_CURSOR_INSERT: splits every full node on the way down so the leaf reached has room.
     * False (EDEADLK, the cursor records where) if a split could not lock what it needs.
     */
    private boolean searchForInsert(Cursor c, BTreeKey key) {
        long[] k = PackedKeys.of(key);
        c.atRoot();
        for (int depth = 0;; depth++) {
            checkDepth(depth, c.node);
            c.index = c.node.isLeaf() ? c.node.lowerBound(k) : c.node.childIndex(k);
            if (c.node.full() && !(c.node.isLeaf() ? splitLeaf(c, key) : splitInternal(c))) {
                return false;
            }
            if (c.node.isLeaf()) {
                return true;
            }
            c.down();
        }
    }

    /** The record with exactly this key (any delete_tid), or null. */
    public BTreeElement lookup(BTreeKey key) {
        Cursor c = search(key);
        try {
            return at(c, key);
        } finally {
            c.done();
        }
    }

    /** The element at the cursor if it has exactly {@code key}, or null. */
    private static BTreeElement at(Cursor c, BTreeKey key) {
        BTreeNode leaf = c.node;
        return c.index < leaf.count && leaf.element(c.index).compareTo(key) == 0 ? leaf.element(c.index) : null;
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

    /**
     * Visits the records in [from, to) visible as of a TID, in key order, with the leaf holding them locked
     * shared while the visitor runs, until it returns false. The visitor may read the record's data: HAMMER's
     * frontend resolves a record's data with its cursor still on the leaf (hammer_ip_first/hammer_ip_next then
     * hammer_ip_resolve_data), so a reader waiting for the disk holds the leaf, and a flusher that must change
     * that leaf meets EDEADLK and retries once the reader is done.
     */
    public void scan(BTreeKey from, BTreeKey to, long asOf, Predicate<BTreeElement> visitor) {
        scanInPlace(from, to, asOf, (leaf, i) -> visitor.test(leaf.element(i)));
    }

    /** A record visited where it lies: element {@code i} of {@code leaf}, which is held while the visit lasts. */
    public interface InPlaceVisitor {

        /** False stops the scan. */
        boolean visit(BTreeNode leaf, int i);
    }

    /**
     * {@link #scan} handing each record over in its leaf (hammer_cursor's {@code leaf} pointer into the node)
     * rather than as an element object: a visitor that reads the record's fields from the leaf ({@link
     * BTreeNode#dataOffset} and the like) reads them from the node's own array.
     */
    public void scanInPlace(BTreeKey from, BTreeKey to, long asOf, InPlaceVisitor visitor) {
        long[] end = PackedKeys.of(to);
        Cursor c = search(from);
        try {
            for (;;) {
                BTreeNode leaf = c.node;
                for (int i = c.index; i < leaf.count; i++) {
                    if (leaf.compareAt(i, end) >= 0) {
                        return;
                    }
                    if (leaf.visibleAt(i, asOf) && !visitor.visit(leaf, i)) {
                        return;
                    }
                }
                if (!nextLeaf(c)) {
                    return;
                }
            }
        } finally {
            c.done();
        }
    }

    /** What {@link #mirrorScan} reports: each record of a scanned leaf, and each run of subtrees skipped whole. */
    public interface MirrorVisitor {

        /** A record of a leaf the scan entered; false stops the scan. */
        boolean record(BTreeElement e);

        /** Neighbouring subtrees whose mirror_tid is below the scan's TID: their key range [{@code beg}, {@code end}). */
        void skip(BTreeKey beg, BTreeKey end);
    }

    /**
     * The mirror-filtered scan (hammer_btree_iterate with HAMMER_CURSOR_MIRROR_FILTERED, as hammer_ioc_mirror_read
     * uses it): visits [from, to) in key order, but a child whose internal element's mirror_tid is below
     * {@code tidBeg} holds no change at or after {@code tidBeg} and is not entered; neighbouring such children of one
     * node are reported as one skipped key range, so the SKIPs follow the nodes entered, not the tree's fan-out.
     * Every record of an entered leaf is reported (the reader decides REC or PASS). Holds the node and
     * its parent shared as {@link #scan} does. Returns the number of nodes entered.
     */
    public int mirrorScan(BTreeKey from, BTreeKey to, long tidBeg, MirrorVisitor visitor) {
        Cursor c = new Cursor(this, locks).atRoot();
        int entered = 1;
        try {
            c.index = c.node.isLeaf() ? c.node.lowerBound(from) : c.node.childIndex(from);
            for (int depth = 0;;) {
                checkDepth(depth, c.node);
                if (c.node.isLeaf()) {
                    for (int i = c.index; i < c.node.count; i++) {
                        BTreeElement e = c.node.element(i);
                        if (e.compareTo(to) >= 0 || !visitor.record(e)) {
                            return entered;
                        }
                    }
                    c.index = c.node.count;
                } else if (c.index < c.node.count) {
                    BTreeElement e = c.node.element(c.index);
                    if (e.compareTo(to) >= 0) {
                        return entered;
                    }
                    if (Long.compareUnsigned(e.mirrorTid(), tidBeg) < 0) {
                        // hammer_cursor_mirror_filter: one SKIP for the run of neighbouring unchanged children
                        BTreeKey beg = e.compareTo(from) < 0 ? from : e.toKey();
                        do {
                            c.index++;
                        } while (c.index < c.node.count && c.node.element(c.index).compareTo(to) < 0
                                && Long.compareUnsigned(c.node.element(c.index).mirrorTid(), tidBeg) < 0);
                        BTreeElement stop = c.node.element(c.index);
                        visitor.skip(beg, stop.compareTo(to) > 0 ? to : stop.toKey());
                    } else {
                        c.down();
                        entered++;
                        depth++;
                        c.index = c.node.isLeaf() ? c.node.lowerBound(from) : c.node.childIndex(from);
                    }
                    continue;
                }
                do {
                    if (!c.up()) {
                        return entered;
                    }
                    depth--;
                    c.index++;
                } while (c.node.isLeaf());
            }
        } finally {
            c.done();
        }
    }

    /** An iterator over records in key order; it holds no locks between calls. */
    public BTreeCursor cursor() {
        return new BTreeCursor(this);
    }

    /**
     * The records of the first leaf, at or after {@code from}'s position, that holds any record {@code > after}
     * (all of them when {@code after} is null): what {@link BTreeCursor} refills from, with the locks released
     * before it returns. Empty at the end of the tree.
     */
    List<BTreeElement> leafFrom(BTreeKey from, BTreeKey after) {
        Cursor c = search(from);
        try {
            List<BTreeElement> out = new ArrayList<>();
            for (;;) {
                for (int i = c.index; i < c.node.count; i++) {
                    BTreeElement e = c.node.element(i);
                    if (after == null || e.compareTo(after) > 0) {
                        out.add(e);
                    }
                }
                if (!out.isEmpty() || !nextLeaf(c)) {
                    return out;
                }
            }
        } finally {
            c.done();
        }
    }

    /** Moves a cursor to the first record of the next leaf (hammer_btree_iterate's climb and descent). */
    private static boolean nextLeaf(Cursor c) {
        do {
            if (!c.up()) {
                return false;
            }
            c.index++;
        } while (c.index >= c.node.count);
        while (!c.node.isLeaf()) {
            c.down();
        }
        c.index = 0;
        return true;
    }

    // ---- changes ----

    /** Inserts a record; its key must not exist yet. */
    public void insert(BTreeElement e) {
        BTreeKey key = e.toKey();
        long leaf;
        for (;;) {
            Cursor c = new Cursor(this, locks);
            try {
                if (!searchForInsert(c, key)) {
                    continue;
                }
                if (at(c, key) != null) {
                    throw new IllegalStateException("duplicate B-tree key " + key);
                }
                if (!c.upgradeNode()) {
                    continue;
                }
                modifyAll(c.node);
                c.node.insertSlot(c.index, e);
                raiseLeafMirror(c.node, Math.max(e.createTid(), e.deleteTid()));
                leaf = c.node.offset();
                break;
            } finally {
                c.done();
            }
        }
        propagate(key, leaf, Math.max(e.createTid(), e.deleteTid()));
    }

    /** Sets a record's delete_tid (history is kept); false if no record has exactly this key. */
    public boolean markDeleted(BTreeKey key, long deleteTid, int deleteTs) {
        long leaf;
        for (;;) {
            Cursor c = search(key);
            try {
                if (at(c, key) == null) {
                    return false;
                }
                if (!c.upgrade()) {
                    continue;
                }
                modifyField(c.node, BTreeNode.elementAt(c.index), BTreeElement.SIZE);
                c.node.set(c.index, c.node.element(c.index).withDelete(deleteTid, deleteTs));
                raiseLeafMirror(c.node, deleteTid);
                leaf = c.node.offset();
                break;
            } finally {
                c.done();
            }
        }
        propagate(key, leaf, deleteTid);
        return true;
    }

    /**
     * Physically removes a record, dropping the nodes that become empty (btree_remove); false if absent. If the
     * ancestors an emptied leaf would collapse cannot all be locked, the empty leaf stays, as in DragonFly.
     */
    public boolean remove(BTreeKey key) {
        for (;;) {
            Cursor c = search(key);
            try {
                if (at(c, key) == null) {
                    return false;
                }
                if (!c.upgrade()) {
                    continue;
                }
                modifyAll(c.node);
                c.node.removeSlot(c.index);
                if (c.node.count == 0 && c.parent != null) {
                    removeEmpty(c);
                }
                return true;
            } finally {
                c.done();
            }
        }
    }

    /** Points a record at a new copy of its data (reblock); false if no record has exactly this key. */
    public boolean moveData(BTreeKey key, long dataOffset) {
        for (;;) {
            Cursor c = search(key);
            try {
                if (at(c, key) == null) {
                    return false;
                }
                if (!c.upgradeNode()) {
                    continue;
                }
                modifyField(c.node, BTreeNode.elementAt(c.index) + BTreeElement.DATA_OFFSET_AT, 8);
                c.node.set(c.index, c.node.element(c.index).withDataOffset(dataOffset));
                return true;
            } finally {
                c.done();
            }
        }
    }

    /**
     * Moves a node to newly allocated space, never into a big-block {@code avoid} accepts (reblock,
     * hammer_reblock_leaf_node and hammer_reblock_int_node): the parent's element (or the header's root pointer)
     * and the children's parent pointers follow, and the old space is freed. Keys, counts and mirror_tids do not
     * change. Locks the node, its parent and its children exclusively first (retrying after EDEADLK). Returns the
     * new offset.
     */
    public long relocate(long offset, LongPredicate avoid) {
        for (;;) {
            List<Long> held = new ArrayList<>();
            long wait = 0;
            try {
                locks.lockEx(offset, "hmrrbk");
                held.add(offset);
                BTreeNode old = node(offset);
                if (old.parent == 0 && rootOffset() != offset) {
                    throw new IllegalStateException("B-tree node " + ZoneOffset.hex(offset) + " is no longer in the tree");
                }
                if (old.parent != 0 && !tryHold(old.parent, held)) {
                    wait = old.parent;
                    continue;
                }
                for (int j = 0; !old.isLeaf() && j < old.count; j++) {
                    if (!tryHold(old.element(j).subtreeOffset(), held)) {
                        wait = old.element(j).subtreeOffset();
                        break;
                    }
                }
                if (wait != 0) {
                    continue;
                }
                return relocateHeld(old, avoid);
            } finally {
                for (int i = held.size() - 1; i >= 0; i--) {
                    locks.unlock(held.get(i));
                }
                if (wait != 0) {
                    locks.lockEx(wait, "hmrdlk");
                    locks.unlock(wait);
                    stats.retried();
                }
            }
        }
    }

    private boolean tryHold(long offset, List<Long> held) {
        if (!locks.tryLockEx(offset)) {
            return false;
        }
        held.add(offset);
        return true;
    }

    private long relocateHeld(BTreeNode old, LongPredicate avoid) {
        long offset = old.offset();
        BTreeNode n = new BTreeNode(blockmap.alloc(ZoneOffset.BTREE, BTreeNode.SIZE, avoid), old.type, old.parent);
        n.count = old.count;
        n.mirrorTid = old.mirrorTid;
        n.copySlots(old, 0, 0, BTreeNode.ELEMENTS + 1);
        vol.meta().created(n);
        if (old.parent == 0) {
            vol.modifyHeader(VolumeHeader.BTREE_ROOT_AT, 8);
            vol.header().setBtreeRoot(n.offset());
        } else {
            BTreeNode p = node(old.parent);
            int i = p.indexOfChild(offset);
            modifyField(p, BTreeNode.elementAt(i) + BTreeElement.SUBTREE_AT, 8);
            p.set(i, p.element(i).withSubtree(p.element(i).btype(), n.offset(), p.element(i).mirrorTid()));
        }
        for (int j = 0; !n.isLeaf() && j < n.count; j++) {
            BTreeNode c = node(n.element(j).subtreeOffset());
            modifyField(c, BTreeNode.PARENT_AT, 8);
            c.parent = n.offset();
        }
        blockmap.free(offset, BTreeNode.SIZE);
        vol.meta().freed(offset);
        return n.offset();
    }

    // ---- walks ----

    /** Visits every node depth-first, with the boundaries its parent gives it (for checkers; takes no locks). */
    public void walk(NodeVisitor visitor) {
        walk(root(), 0, BTreeKey.MIN, BTreeKey.MAX, visitor);
    }

    private void walk(BTreeNode node, int depth, BTreeKey left, BTreeKey right, NodeVisitor visitor) {
        checkDepth(depth, node);
        visitor.visit(node, depth, left, right);
        if (!node.isLeaf()) {
            for (int i = 0; i < node.count; i++) {
                walk(child(node, i), depth + 1, node.element(i).toKey(), node.element(i + 1).toKey(), visitor);
            }
        }
    }

    /** Levels from the root to the leaves (1 for a lone root leaf); takes no locks. */
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

    /** Node locks held or waited for: 0 whenever no operation is under way. */
    int locksInUse() {
        return locks.inUse();
    }

    static void checkDepth(int depth, BTreeNode n) {
        if (depth > MAX_DEPTH) {
            throw new HammerCorruptionException("B-tree node", n.offset(), "deeper than " + MAX_DEPTH + " levels (cycle?)");
        }
    }

    // ---- splits, removal, propagation ----

    private BTreeNode allocNode(int type, long parent) {
        BTreeNode n = new BTreeNode(blockmap.alloc(ZoneOffset.BTREE, BTreeNode.SIZE), type, parent);
        vol.meta().created(n);
        return n;
    }

    /** A node allocated by an operation that holds it: locked exclusively (nobody else can know its offset yet). */
    private BTreeNode allocLocked(int type, long parent) {
        BTreeNode n = allocNode(type, parent);
        locks.lockEx(n.offset(), "hmrnew");
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

    /**
     * The parent the cursor's node will hang under after a split: its real parent, or, for the root, a new root
     * holding it as its only child (made before the split, as btree_split_* do). The cursor holds it exclusively.
     */
    private BTreeNode parentForSplit(Cursor c) {
        if (c.parent != null) {
            return c.parent;
        }
        BTreeNode old = c.node;
        BTreeNode root = allocLocked(BTreeNode.INTERNAL, 0);
        root.set(0, BTreeElement.internal(BTreeKey.MIN, old.type, old.offset(), old.mirrorTid));
        root.set(1, BTreeElement.internal(BTreeKey.MAX, 0, 0, 0));
        root.count = 1;
        root.mirrorTid = old.mirrorTid;
        old.parent = root.offset();
        vol.modifyHeader(VolumeHeader.BTREE_ROOT_AT, 8);
        vol.header().setBtreeRoot(root.offset());
        c.replaceParent(root, 0);
        return root;
    }

    /**
     * btree_split_leaf: splits the full leaf at the cursor. The split point is the middle, or three quarters
     * when the insertion point is the leaf's end and the leaf has not been split that way before (records arriving
     * in order then fill leaves to 3/4); the separator lies halfway between the two records at the split.
     */
    private boolean splitLeaf(Cursor c, BTreeKey key) {
        if (!c.upgrade()) {
            return false;
        }
        BTreeNode leaf = c.node;
        modifyAll(leaf);
        int split;
        if (c.index == leaf.count && !leaf.nonlinear) {
            split = (leaf.count + 1) * 3 / 4;
            leaf.nonlinear = true;
        } else {
            split = (leaf.count + 1) / 2;
        }
        BTreeNode parent = parentForSplit(c);
        modifyAll(parent);
        BTreeNode right = allocLocked(BTreeNode.LEAF, parent.offset());
        right.mirrorTid = leaf.mirrorTid;
        right.count = leaf.count - split;
        right.copySlots(leaf, split, 0, right.count);
        BTreeKey separator = BTreeKey.separator(leaf.element(split - 1).toKey(), leaf.element(split).toKey());
        leaf.clearSlots(split, leaf.count);
        leaf.count = split;
        int pi = c.parentIndex;
        parent.insertSlot(pi + 1, BTreeElement.internal(separator, BTreeNode.LEAF, right.offset(), right.mirrorTid));
        if (c.index > split || (c.index == split && key.compareTo(separator) >= 0)) {
            c.replaceNode(right, c.index - split);
            c.parentIndex = pi + 1;
        } else {
            locks.unlock(right.offset());
        }
        c.downgrade();
        return true;
    }

    /**
     * btree_split_internal: splits the full internal node at the cursor, promoting its middle boundary to the
     * parent; the moved children are locked first (hammer_btree_lock_children) to repoint them.
     */
    private boolean splitInternal(Cursor c) {
        BTreeNode node = c.node;
        int split = (node.count + 1) / 2;
        if (c.index <= split) {
            split--;
        }
        List<Long> children = new ArrayList<>();
        try {
            for (int j = split; j < node.count; j++) {
                long child = node.element(j).subtreeOffset();
                if (!locks.tryLockEx(child)) {
                    c.deadlock(child);
                    return false;
                }
                children.add(child);
            }
            if (!c.upgrade()) {
                return false;
            }
            modifyAll(node);
            BTreeNode parent = parentForSplit(c);
            modifyAll(parent);
            BTreeNode right = allocLocked(BTreeNode.INTERNAL, parent.offset());
            right.mirrorTid = node.mirrorTid;
            right.count = node.count - split;
            right.copySlots(node, split, 0, right.count + 1);
            BTreeKey separator = node.element(split).toKey();
            node.clearSlots(split + 1, node.count + 1);
            node.set(split, BTreeElement.internal(separator, 0, 0, 0));
            node.count = split;
            for (int j = 0; j < right.count; j++) {
                BTreeNode grandchild = node(right.element(j).subtreeOffset());
                modifyField(grandchild, BTreeNode.PARENT_AT, 8);
                grandchild.parent = right.offset();
            }
            int pi = c.parentIndex;
            parent.insertSlot(pi + 1, BTreeElement.internal(separator, BTreeNode.INTERNAL, right.offset(),
                    right.mirrorTid));
            if (c.index >= split) {
                c.replaceNode(right, c.index - split);
                c.parentIndex = pi + 1;
            } else {
                locks.unlock(right.offset());
            }
            c.downgrade();
            return true;
        } finally {
            for (long child : children) {
                locks.unlock(child);
            }
        }
    }

    /**
     * btree_remove: the cursor's leaf (held exclusively, as is its parent) became empty. Every node the removal
     * changes is locked exclusively first (tries only); if one is held elsewhere nothing changes and the empty
     * leaf stays.
     */
    private void removeEmpty(Cursor c) {
        List<Long> held = new ArrayList<>();
        try {
            BTreeNode n = c.node;
            BTreeNode p = c.parent;
            List<BTreeNode> chain = new ArrayList<>();
            chain.add(n);
            while (p.count == 1 && p.parent != 0) {
                chain.add(p);
                if (!tryHold(p.parent, held)) {
                    return;
                }
                p = node(p.parent);
            }
            BTreeNode removed = chain.getLast();
            int i = p.indexOfChild(removed.offset());
            if (p.count > 1) {
                for (BTreeNode b = child(p, i > 0 ? i - 1 : 1); !b.isLeaf(); b = child(b, i > 0 ? b.count - 1 : 0)) {
                    if (!tryHold(b.offset(), held)) {
                        return;
                    }
                }
            }
            for (BTreeNode gone : chain) {
                blockmap.free(gone.offset(), BTreeNode.SIZE);
                vol.meta().freed(gone.offset());
            }
            detach(p, i);
        } finally {
            for (int j = held.size() - 1; j >= 0; j--) {
                locks.unlock(held.get(j));
            }
        }
    }

    /** Drops child {@code i} of {@code p} (which holds it and, locked, every node this changes). */
    private void detach(BTreeNode p, int i) {
        modifyAll(p);
        if (p.count == 1) {
            p.clearSlots(0, BTreeNode.ELEMENTS + 1);
            p.type = BTreeNode.LEAF;
            p.count = 0;
            return;
        }
        if (i > 0) {
            p.removeSlot(i);
            BTreeElement bound = p.element(i);
            for (BTreeNode c = child(p, i - 1); !c.isLeaf(); c = child(c, c.count - 1)) {
                modifyField(c, BTreeNode.elementAt(c.count), BTreeElement.SIZE);
                c.set(c.count, bound.asBoundary());
            }
        } else {
            BTreeElement next = p.element(1);
            p.set(0, p.element(0).withSubtree(next.btype(), next.subtreeOffset(), next.mirrorTid()));
            p.removeSlot(1);
            BTreeElement bound = p.element(0);
            for (BTreeNode c = child(p, 0); !c.isLeaf(); c = child(c, 0)) {
                modifyField(c, BTreeNode.elementAt(0), BTreeElement.SIZE);
                c.set(0, c.element(0).withKeyOf(bound));
            }
        }
    }

    private void raiseLeafMirror(BTreeNode leaf, long tid) {
        if (tid != 0 && Long.compareUnsigned(leaf.mirrorTid, tid) < 0) {
            modifyField(leaf, BTreeNode.MIRROR_TID_AT, 8);
            leaf.mirrorTid = tid;
        }
    }

    /**
     * hammer_btree_mirror_propagate: raises mirror_tid above the leaf that holds {@code key} (at {@code leaf} when
     * the change was made) up to the first ancestor that has it, upgrading one parent at a time; after EDEADLK it
     * waits and climbs again from the leaf (hammer_recover_cursor).
     */
    private void propagate(BTreeKey key, long leaf, long tid) {
        if (tid == 0) {
            return;
        }
        for (;;) {
            Cursor c = search(key);
            try {
                if (c.node.offset() != leaf && Long.compareUnsigned(c.node.mirrorTid, tid) < 0) {
                    if (!c.upgradeNode()) {
                        continue;
                    }
                    raiseLeafMirror(c.node, tid);
                }
                for (int depth = 0; c.parent != null; depth++) {
                    checkDepth(depth, c.node);
                    BTreeElement e = c.parent.element(c.parentIndex);
                    if (Long.compareUnsigned(e.mirrorTid(), tid) >= 0) {
                        return;
                    }
                    if (!c.upgradeParent()) {
                        break;
                    }
                    BTreeNode p = c.parent;
                    modifyField(p, BTreeNode.elementAt(c.parentIndex) + BTreeElement.MIRROR_AT, 8);
                    p.set(c.parentIndex, e.withMirror(tid));
                    if (Long.compareUnsigned(p.mirrorTid, tid) < 0) {
                        modifyField(p, BTreeNode.MIRROR_TID_AT, 8);
                        p.mirrorTid = tid;
                    }
                    c.up();
                }
                if (!c.deadlocked()) {
                    return;
                }
            } finally {
                c.done();
            }
        }
    }
}
