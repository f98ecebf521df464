package org.odonata.fs.hammer.cleanup;

import java.util.List;

import org.odonata.fs.hammer.btree.BTreeElement;

/**
 * Which history a prune removes: everything ({@code hammer prune-everything}) or what lies inside one of a
 * list of {@link PruneInterval}s. Live records (delete_tid 0) are never pruned, and neither is a record visible
 * as of a snapshot's TID, whatever the policy says: to give that history up, delete the snapshot first.
 *
 * @param all       every historical record (prune-everything)
 * @param intervals the retention intervals (ignored with {@code all})
 */
public record PrunePolicy(boolean all, List<PruneInterval> intervals) {

    public PrunePolicy {
        intervals = List.copyOf(intervals);
    }

    public static PrunePolicy everything() {
        return new PrunePolicy(true, List.of());
    }

    public static PrunePolicy intervals(PruneInterval... intervals) {
        return new PrunePolicy(false, List.of(intervals));
    }

    /** Whether the policy selects a record (before the snapshot exemption). */
    boolean selects(BTreeElement e) {
        if (e.live()) {
            return false;
        }
        if (all) {
            return true;
        }
        for (PruneInterval i : intervals) {
            if (i.covers(e)) {
                return true;
            }
        }
        return false;
    }
}
