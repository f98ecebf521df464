package org.odonata.fs.hammer.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.odonata.fs.hammer.fs.BareVolume;
import org.odonata.fs.hammer.testing.Devices;

/**
 * The mirror-filtered scan (hammer_ioc_mirror_read in hammer_mirror.c iterating with HAMMER_CURSOR_MIRROR_FILTERED,
 * hammer_btree.c's btree_iterate skipping an internal element whose mirror_tid is below the cursor's): after k
 * changes since a TID it reports every one of those k records, enters only the leaves that hold a change, and
 * reports every other subtree as one SKIP of its key range, with the events in key order and covering the range.
 */
class BTreeMirrorScanTest {

    private final BTree tree = BareVolume.format(Devices.ram(64 * Devices.MB), 64 * Devices.KB).tree();

    private static BTreeKey key(long obj, long k, long tid) {
        return Records.key(obj, k, tid);
    }

    private List<BTreeKey> insertShuffled(int n, long seed) {
        return Records.insertShuffled(tree, 0, n, seed);
    }

    /** One event of a scan: a record, or a skipped range [beg, end). */
    private record Event(BTreeElement record, BTreeKey beg, BTreeKey end) {
    }

    private final List<Event> events = new ArrayList<>();

    private int scan(BTreeKey from, BTreeKey to, long tidBeg, int stopAfter) {
        events.clear();
        return tree.mirrorScan(from, to, tidBeg, new BTree.MirrorVisitor() {
            @Override
            public boolean record(BTreeElement e) {
                events.add(new Event(e, null, null));
                return events.stream().filter(x -> x.record != null).count() < stopAfter;
            }

            @Override
            public void skip(BTreeKey beg, BTreeKey end) {
                events.add(new Event(null, beg, end));
            }
        });
    }

    /** Events in key order, inside [from, to), skips never empty, and every key of [from, to) in a skip or a record. */
    private void assertOrderedAndCovering(BTreeKey from, BTreeKey to, List<BTreeKey> all) {
        BTreeKey at = from;
        List<BTreeKey> seen = new ArrayList<>();
        for (Event e : events) {
            if (e.record != null) {
                BTreeKey k = e.record.toKey();
                assertTrue(at.compareTo(k) <= 0 && k.compareTo(to) < 0, k + " after " + at + ", before " + to);
                seen.add(k);
                at = k;
            } else {
                assertTrue(at.compareTo(e.beg) <= 0 && e.beg.compareTo(e.end) < 0 && e.end.compareTo(to) <= 0,
                        "skip [" + e.beg + ", " + e.end + ") after " + at);
                for (BTreeKey k : all) {
                    if (e.beg.compareTo(k) <= 0 && k.compareTo(e.end) < 0) {
                        seen.add(k);
                    }
                }
                at = e.end;
            }
        }
        List<BTreeKey> expected = new ArrayList<>();
        for (BTreeKey k : all) {
            if (from.compareTo(k) <= 0 && k.compareTo(to) < 0) {
                expected.add(k);
            }
        }
        assertEquals(expected, seen, "every record of the range is reported or inside a skipped range, once");
    }

    private List<BTreeElement> records() {
        return events.stream().filter(e -> e.record != null).map(Event::record).toList();
    }

    private long skips() {
        return events.stream().filter(e -> e.record == null).count();
    }

    @Test
    void afterKChangesTheScanReportsThoseKRecordsAndSkipsEveryUnchangedSubtree() {
        List<BTreeKey> keys = insertShuffled(9000, 1);
        assertEquals(3, tree.height());
        long since = 50_000;
        TreeSet<BTreeKey> changed = new TreeSet<>();
        Random r = new Random(2);
        for (int i = 0; i < 7; i++) {
            BTreeKey k = keys.get(r.nextInt(keys.size()));
            assertTrue(tree.markDeleted(k, since + i, 0));
            changed.add(k);
        }
        BTreeKey added = key(40, 123_456, since + 10);
        tree.insert(BTreeElement.record(added, 2, 0, 0, 0, 0));
        changed.add(added);
        List<BTreeKey> all = new ArrayList<>(keys);
        all.add(added);
        Collections.sort(all);

        int entered = scan(BTreeKey.MIN, BTreeKey.MAX, since, Integer.MAX_VALUE);
        assertOrderedAndCovering(BTreeKey.MIN, BTreeKey.MAX, all);
        List<BTreeKey> changedSeen = new ArrayList<>();
        for (BTreeElement e : records()) {
            if (Long.compareUnsigned(Math.max(e.createTid(), e.deleteTid()), since) >= 0) {
                changedSeen.add(e.toKey());
            }
        }
        assertEquals(new ArrayList<>(changed), changedSeen, "each of the k changes, once");
        int leaves = changedLeaves(since);
        assertTrue(leaves <= changed.size());
        assertEquals(records().size(), recordsOfChangedLeaves(since), "exactly the changed leaves are entered, whole");
        assertTrue(skips() > 0);
        assertTrue(entered <= 1 + changed.size() + leaves && entered < 3 * changed.size() + 1,
                "only the paths to the changes are entered: " + entered);
        assertEquals(entered, nodesWithMirrorAtLeast(since), "entered nodes are those that hold a change");
    }

    @Test
    void aScanSinceZeroSkipsNothingAndOneSinceTheFutureSkipsTheRootsChildren() {
        List<BTreeKey> keys = insertShuffled(3000, 3);
        int nodes = nodesWithMirrorAtLeast(0);
        assertEquals(nodes, scan(BTreeKey.MIN, BTreeKey.MAX, 0, Integer.MAX_VALUE));
        assertEquals(0, skips());
        assertEquals(keys, records().stream().map(BTreeElement::toKey).toList());

        assertEquals(1, scan(BTreeKey.MIN, BTreeKey.MAX, tree.root().mirrorTid() + 1, Integer.MAX_VALUE), "the root only");
        assertEquals(1, skips(), "the root's unchanged children are one run, one SKIP (hammer_cursor_mirror_filter)");
        assertTrue(records().isEmpty());
        assertOrderedAndCovering(BTreeKey.MIN, BTreeKey.MAX, keys);
        assertEquals(BTreeKey.MIN, events.getFirst().beg);
        assertEquals(BTreeKey.MAX, events.getLast().end);

        // the newest record's subtree alone is entered when scanning since its TID
        BTreeKey newest = keys.stream().max((a, b) -> Long.compare(a.createTid(), b.createTid())).orElseThrow();
        scan(BTreeKey.MIN, BTreeKey.MAX, newest.createTid(), Integer.MAX_VALUE);
        assertTrue(records().stream().anyMatch(e -> e.toKey().equals(newest)));
        assertOrderedAndCovering(BTreeKey.MIN, BTreeKey.MAX, keys);
    }

    @Test
    void aScanOfAKeyRangeClipsItsSkipsToTheRangeAndStopsAtItsEnd() {
        List<BTreeKey> keys = insertShuffled(9000, 4);
        BTreeKey from = key(30, 0, 0);
        BTreeKey to = key(60, 0, 0);
        BTreeKey inside = keys.stream().filter(k -> k.objId() == 45).findFirst().orElseThrow();
        assertTrue(tree.markDeleted(inside, 70_000, 0));
        scan(from, to, 70_000, Integer.MAX_VALUE);
        assertOrderedAndCovering(from, to, keys);
        assertEquals(from, events.getFirst().beg, "the first skip starts at the range's start, not its subtree's");
        assertEquals(to, events.getLast().end, "the last skip ends at the range's end");
        assertTrue(records().stream().anyMatch(e -> e.toKey().equals(inside)));

        scan(from, to, 0, Integer.MAX_VALUE);
        assertOrderedAndCovering(from, to, keys);
        assertEquals(keys.stream().filter(k -> k.objId() >= 30 && k.objId() < 60).toList(),
                records().stream().map(BTreeElement::toKey).toList(), "since 0: the range's records, nothing more");
    }

    @Test
    void theVisitorStopsTheScan() {
        List<BTreeKey> keys = insertShuffled(3000, 5);
        scan(BTreeKey.MIN, BTreeKey.MAX, 0, 10);
        assertEquals(keys.subList(0, 10), records().stream().map(BTreeElement::toKey).toList());
        assertEquals(10, events.size());
        assertEquals(0, tree.locksInUse());
    }

    @Test
    void aLoneRootLeafIsScannedWholeFromTheStartKey() {
        List<BTreeKey> keys = insertShuffled(40, 6);
        assertEquals(1, tree.height());
        assertEquals(1, scan(keys.get(5), BTreeKey.MAX, 1_000_000, Integer.MAX_VALUE),
                "a leaf root has no element to filter on");
        assertEquals(keys.subList(5, 40), records().stream().map(BTreeElement::toKey).toList());
        assertFalse(events.stream().anyMatch(e -> e.record == null));
    }

    private int changedLeaves(long since) {
        int[] n = {0};
        tree.walk((node, depth, left, right) -> n[0] += node.isLeaf() && Long.compareUnsigned(node.mirrorTid(), since) >= 0 ? 1 : 0);
        return n[0];
    }

    private int recordsOfChangedLeaves(long since) {
        int[] n = {0};
        tree.walk((node, depth, left, right) -> n[0] += node.isLeaf() && Long.compareUnsigned(node.mirrorTid(), since) >= 0
                ? node.count() : 0);
        return n[0];
    }

    private int nodesWithMirrorAtLeast(long since) {
        int[] n = {0};
        tree.walk((node, depth, left, right) -> n[0] += Long.compareUnsigned(node.mirrorTid(), since) >= 0 ? 1 : 0);
        return n[0];
    }
}
