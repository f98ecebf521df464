package org.odonata.fs.hammer.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeCursor;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.flush.Flusher;
import org.odonata.fs.hammer.object.ObjectStore;

/**
 * Prune (hammer_prune.c): physically removes the historical records a {@link PrunePolicy} selects, except those
 * visible as of a snapshot's TID, and frees their data. One scan of the tree picks the records (DragonFly
 * scans in reverse to delete at the cursor; collecting first gives the same result without a cursor that
 * survives deletions). They are then destroyed in flush groups, each covered by UNDO, that stop taking records
 * when one more could push the group past {@link Flusher#maintenanceBudget()} bytes of UNDO (worst case per
 * record: the whole of its leaf, of the nodes an emptied leaf removes or adjusts on the way up, and of their
 * freemap blocks). A
 * crash therefore leaves a prefix of the work done and the tree consistent; running it again finishes the job.
 * Cost: one read of every leaf, then per pruned record one leaf change (and the removal of nodes it empties)
 * and one freemap update.
 */
public final class Pruner {

    private final ObjectStore store;
    private final Flusher flusher;

    public Pruner(ObjectStore store, Flusher flusher) {
        this.store = store;
        this.flusher = flusher;
    }

    /** Prunes; the caller has synced, and {@code snapshotTids} are the TIDs of the live snapshots. */
    public PruneReport run(PrunePolicy policy, List<Long> snapshotTids) {
        NavigableSet<Long> snapshots = new TreeSet<>(snapshotTids);
        BTree tree = store.tree();
        List<BTreeElement> doomed = new ArrayList<>();
        long examined = 0;
        long kept = 0;
        for (BTreeCursor c = tree.cursor().seek(BTreeKey.MIN); c.hasNext();) {
            BTreeElement e = c.next();
            examined++;
            if (policy.selects(e)) {
                if (visibleAtASnapshot(e, snapshots)) {
                    kept++;
                } else {
                    doomed.add(e);
                }
            }
        }
        int groups = flusher.maintenanceRun(doomed, store::destroy);
        long bytes = 0;
        for (BTreeElement e : doomed) {
            bytes += e.dataLen();
        }
        return new PruneReport(examined, doomed.size(), kept, bytes, groups);
    }

    /** hammer_btree_chkts at each snapshot: some snapshot TID S has create_tid ≤ S < delete_tid. */
    private static boolean visibleAtASnapshot(BTreeElement e, NavigableSet<Long> snapshots) {
        Long s = snapshots.ceiling(e.createTid());
        return s != null && e.visibleAt(s);
    }
}
