package org.odonata.fs.hammer.cleanup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.flush.Flusher;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.ondisk.FreemapLayer2;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Reblock (hammer_reblock.c): empties the big-blocks of the B-tree, meta and data zones that are less full
 * than a threshold, so that they come back whole to the free pool. A big-block is a source when its
 * {@code bytes_free} is at least {@code (100 - fill)%} of it (fill 100, DragonFly's default, takes them all) and
 * it is not the one its zone is appending into (moving data within it would free nothing). Every node and
 * record datum in a source moves, emptiest source first, to space the allocator takes anywhere but in a
 * source; the old space is freed, and a source whose last byte leaves becomes free (and reusable once the
 * flush group that freed it has committed). Keys, TIDs and history do not change, so every read, current or
 * as of any TID, returns the same bytes. The moves run in flush groups under UNDO, bounded like prune's, so a
 * crash leaves a consistent prefix. Cost: one walk of the tree, then per moved item one copy, its parent or
 * leaf changed and two freemap updates (a moved internal node also rewrites its children's parent pointers).
 * <p>
 * Moving needs free space: before each move {@code spaceOk} (hammer_checkspace with the removal slop) must
 * hold; when it does not, the group ends and, as hammer_ioc_reblock waits for the flusher, the groups so far
 * are committed so the big-blocks they emptied come back, and the test is repeated, ten times at most. Then,
 * or if a group runs out of space anyway (it is rolled back), reblock stops and reports what it did instead of
 * failing, since on a nearly full volume every emptied big-block counts.
 */
public final class Reblocker {

    /** Something in a source big-block: a node (children = its child count) or a record's data. */
    private record Item(long bigBlock, long node, int children, BTreeKey record) {

        /** Blocks moving it may modify: its parent or leaf, its children, two layer 2 blocks and layer 1. */
        int cost() {
            return record != null ? 4 : children + 4;
        }
    }

    private static final int[] ZONES = {ZoneOffset.BTREE, ZoneOffset.META, ZoneOffset.LARGE_DATA,
        ZoneOffset.SMALL_DATA};

    private final Volume vol;
    private final Blockmap blockmap;
    private final ObjectStore store;
    private final Flusher flusher;
    private final BooleanSupplier spaceOk;

    public Reblocker(Volume vol, Blockmap blockmap, ObjectStore store, Flusher flusher, BooleanSupplier spaceOk) {
        this.vol = vol;
        this.blockmap = blockmap;
        this.store = store;
        this.flusher = flusher;
        this.spaceOk = spaceOk;
    }

    /** Reblocks; the caller has synced. {@code fillPercent} is 0–100. */
    public ReblockReport run(int fillPercent) {
        if (fillPercent < 0 || fillPercent > 100) {
            throw new IllegalArgumentException("fill " + fillPercent + "% is not between 0 and 100");
        }
        long freeBefore = vol.header().statFreeBigBlocks();
        Map<Long, Integer> bytesFree = sources(fillPercent);
        Set<Long> remaining = new HashSet<>(bytesFree.keySet());
        List<Item> items = items(remaining);
        items.sort(Comparator.comparingLong((Item i) -> -bytesFree.get(i.bigBlock())).thenComparingLong(Item::bigBlock));
        int budget = flusher.maintenanceBudget();
        long[] moved = new long[3];
        long skipped = 0;
        int groups = 0;
        int next = 0;
        int spaceWaits = 0;
        boolean stoppedForSpace = false;
        while (next < items.size()) {
            if (items.get(next).cost() > budget) {
                next++;
                skipped++;
                continue;
            }
            if (!spaceOk.getAsBoolean()) {
                // hammer_ioc_reblock: wait for the flusher (big-blocks freed so far come back when their flush
                // group commits) and test again, ten times at most.
                if (++spaceWaits == 10) {
                    stoppedForSpace = true;
                    break;
                }
                flusher.retire();
                continue;
            }
            int[] at = {next};
            long[] before = moved.clone();
            try {
                flusher.maintenanceGroup(tid -> {
                    do {
                        Item it = items.get(at[0]++);
                        move(it, remaining, moved);
                    } while (at[0] < items.size() && items.get(at[0]).cost() <= budget
                            && flusher.groupUndoBlocks() + items.get(at[0]).cost() <= budget && spaceOk.getAsBoolean());
                });
                next = at[0];
                groups++;
            } catch (HammerException e) {
                if (e.errno() != Errno.ENOSPC) {
                    throw e;
                }
                System.arraycopy(before, 0, moved, 0, moved.length);
                stoppedForSpace = true;
                break;
            }
        }
        flusher.retire();
        return new ReblockReport(fillPercent, bytesFree.size(), moved[0], moved[1], moved[2], skipped, freeBefore,
                vol.header().statFreeBigBlocks(), groups, stoppedForSpace);
    }

    /** Source big-block → its bytes_free. */
    private Map<Long, Integer> sources(int fillPercent) {
        long bb = vol.bigBlockSize();
        long freeLevel = (100 - fillPercent) * bb / 100;
        Set<Long> appending = new HashSet<>();
        for (int zone : ZONES) {
            long next = ZoneOffset.offset(vol.header().blockmap(zone).nextOffset());
            appending.add(next / bb);
            appending.add(Math.max(0, next - 1) / bb);
        }
        Map<Long, Integer> out = new HashMap<>();
        blockmap.forEachBigBlock(b -> {
            FreemapLayer2 l2 = b.layer2();
            boolean movable = l2.zone() >= ZoneOffset.BTREE && l2.zone() <= ZoneOffset.SMALL_DATA;
            if (movable && !appending.contains(b.index()) && l2.bytesFree() >= freeLevel) {
                out.put(b.index(), l2.bytesFree());
            }
        });
        return out;
    }

    /** Every node and record datum in a source big-block, found by one walk of the tree. */
    private List<Item> items(Set<Long> sources) {
        long bb = vol.bigBlockSize();
        List<Item> out = new ArrayList<>();
        store.tree().walk((n, depth, left, right) -> {
            long nodeBlock = ZoneOffset.offset(n.offset()) / bb;
            if (sources.contains(nodeBlock)) {
                out.add(new Item(nodeBlock, n.offset(), n.isLeaf() ? 0 : n.count(), null));
            }
            for (int i = 0; n.isLeaf() && i < n.count(); i++) {
                BTreeElement e = n.element(i);
                long dataBlock = ZoneOffset.offset(e.dataOffset()) / bb;
                if (sources.contains(dataBlock)) {
                    out.add(new Item(dataBlock, 0, 0, e.toKey()));
                }
            }
        });
        return out;
    }

    private void move(Item it, Set<Long> remaining, long[] moved) {
        BTree tree = store.tree();
        if (it.record() == null) {
            tree.relocate(it.node(), remaining::contains);
            moved[0]++;
        } else {
            moved[2] += store.moveData(it.record(), remaining::contains);
            moved[1]++;
        }
        if (blockmap.layer2(it.bigBlock()).isFree()) {
            remaining.remove(it.bigBlock());
        }
    }
}
