package org.odonata.fs.hammer.btree;

import java.util.function.Supplier;

import org.odonata.fs.hammer.lock.LockTable;

/**
 * A position in the B-tree holding its node and the node's parent locked (hammer_cursor, hammer_cursor.c):
 * shared while it moves, so that searches run beside each other, and exclusive where an operation changes
 * them. Moving down locks the child while the parent is held, then lets the grandparent go; moving up locks the
 * parent of the node it holds. Upgrading never sleeps: when another thread shares a node the upgrade fails
 * (EDEADLK), the cursor remembers that node, and {@link #done} releases everything and then waits for it
 * (hammer_done_cursor's deadlk_node), after which the operation starts again from the root.
 * <p>
 * Whoever holds exclusive locks never sleeps for another lock, only tries; only shared requests, and the
 * waiting in {@link #done} with nothing held, sleep. That keeps top-down searches and bottom-up changes free
 * of deadlock.
 */
final class Cursor {

    private final BTree tree;
    private final LockTable locks;
    BTreeNode node;
    int index;
    BTreeNode parent;
    int parentIndex;
    /** The node an upgrade failed on, to wait for in {@link #done}; 0 if none. */
    private long deadlk;

    Cursor(BTree tree, LockTable locks) {
        this.tree = tree;
        this.locks = locks;
    }

    /** hammer_init_cursor: positions at the root, locked shared; retries if the root moved while it waited. */
    Cursor atRoot() {
        for (;;) {
            long root = tree.rootOffset();
            locks.lockSh(root, "hmrnod");
            if (tree.rootOffset() == root) {
                node = held(root, () -> tree.root());
                index = 0;
                parent = null;
                return this;
            }
            locks.unlock(root);
        }
    }

    /** hammer_cursor_down: into child {@link #index} of the internal node held. */
    void down() {
        downgrade();
        if (parent != null) {
            locks.unlock(parent.offset());
        }
        parent = node;
        parentIndex = index;
        node = null;
        long child = parent.subtreeOffset(index);
        locks.lockSh(child, "hmrnod");
        BTreeNode p = parent;
        node = held(child, () -> tree.child(p, parentIndex));
        index = 0;
    }

    /** hammer_cursor_up: to the parent, locking the grandparent; false (ENOENT) at the root. */
    boolean up() {
        downgrade();
        if (parent == null) {
            return false;
        }
        locks.unlock(node.offset());
        node = parent;
        index = parentIndex;
        parent = null;
        loadParent();
        return true;
    }

    /** hammer_load_cursor_parent: locks the parent of the node held, shared, and finds the node in it. */
    private void loadParent() {
        if (node.parent == 0) {
            parent = null;
            return;
        }
        long p = node.parent;
        locks.lockSh(p, "hmrnod");
        BTreeNode loaded = held(p, () -> tree.node(p));
        int i = held(p, () -> loaded.indexOfChild(node.offset()));
        parent = loaded;
        parentIndex = i;
    }

    /** Reads what a just-locked node gives; if that fails (a corrupt node), the lock is released before the throw. */
    private <T> T held(long offset, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            locks.unlock(offset);
            throw e;
        }
    }

    /** hammer_cursor_upgrade: parent (first) and node exclusive; false (EDEADLK) if another thread shares one. */
    boolean upgrade() {
        return (parent == null || upgrade(parent)) && upgrade(node);
    }

    /** hammer_cursor_upgrade_node: the node alone. */
    boolean upgradeNode() {
        return upgrade(node);
    }

    /** The parent alone (mirror_tid propagation changes only the parent). */
    boolean upgradeParent() {
        return upgrade(parent);
    }

    private boolean upgrade(BTreeNode n) {
        if (locks.upgrade(n.offset())) {
            return true;
        }
        deadlock(n.offset());
        return false;
    }

    /** An exclusive try on another node failed: remember it to wait for in {@link #done}. */
    void deadlock(long offset) {
        if (deadlk == 0) {
            deadlk = offset;
        }
    }

    boolean deadlocked() {
        return deadlk != 0;
    }

    /** hammer_cursor_downgrade: back to shared. */
    void downgrade() {
        locks.downgrade(node.offset());
        if (parent != null) {
            locks.downgrade(parent.offset());
        }
    }

    /**
     * A node this cursor now holds exclusively in place of the one it held (a split moved its position to the new
     * half, or made a new root its parent): takes over the lock of {@code replacement}, which the caller holds.
     */
    void replaceNode(BTreeNode replacement, int newIndex) {
        locks.unlock(node.offset());
        node = replacement;
        index = newIndex;
    }

    void replaceParent(BTreeNode replacement, int newIndex) {
        if (parent != null) {
            locks.unlock(parent.offset());
        }
        parent = replacement;
        parentIndex = newIndex;
    }

    /**
     * hammer_done_cursor: releases the locks; after a failed upgrade, waits until the node it failed on is free
     * (exclusive, then released at once) so that the caller's retry does not spin.
     */
    void done() {
        if (parent != null) {
            locks.unlock(parent.offset());
            parent = null;
        }
        if (node != null) {
            locks.unlock(node.offset());
            node = null;
        }
        if (deadlk != 0) {
            long wait = deadlk;
            deadlk = 0;
            locks.lockEx(wait, "hmrdlk");
            locks.unlock(wait);
            tree.stats().retried();
        }
    }
}
