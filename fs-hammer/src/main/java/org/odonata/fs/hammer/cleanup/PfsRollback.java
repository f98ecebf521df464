package org.odonata.fs.hammer.cleanup;

import java.util.ArrayList;
import java.util.List;

import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.flush.Flusher;
import org.odonata.fs.hammer.object.ObjectStore;

/**
 * hammer_pfs_rollback (hammer_pfs.c): rolls one PFS back to {@code truncTid - 1} by scanning its localization
 * range: a record created at or after {@code truncTid} is physically destroyed, one deleted at or after it is
 * undeleted (hammer_pfs_delete_at_cursor's DESTROY and ADJUST). {@code truncTid = 0} destroys every record of the
 * PFS (pfs-destroy); {@code sync_end_tid + 1} drops a slave's partial syncs (pfs-upgrade). The work runs in flush
 * groups bounded like {@link Pruner}'s, so a crash leaves a prefix done and running it again finishes it.
 * Simplification: DragonFly's scan is mirror-filtered (it skips subtrees older than {@code truncTid}); this one
 * reads every leaf of the PFS.
 */
public final class PfsRollback {

    private final ObjectStore store;
    private final Flusher flusher;

    public PfsRollback(ObjectStore store, Flusher flusher) {
        this.store = store;
        this.flusher = flusher;
    }

    /** Rolls PFS {@code pfs} back; returns the records destroyed or undeleted. The caller has synced. */
    public int run(int pfs, long truncTid) {
        List<BTreeElement> changed = new ArrayList<>();
        for (BTreeElement e : store.pfsRecords(pfs)) {
            if (Long.compareUnsigned(e.createTid(), truncTid) >= 0
                    || (e.deleteTid() != 0 && Long.compareUnsigned(e.deleteTid(), truncTid) >= 0)) {
                changed.add(e);
            }
        }
        flusher.maintenanceRun(changed, e -> {
            if (Long.compareUnsigned(e.createTid(), truncTid) >= 0) {
                store.destroy(e);
            } else {
                store.undelete(e);
            }
        });
        return changed.size();
    }
}
