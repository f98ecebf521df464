package org.odonata.fs.hammer.cleanup;

import org.odonata.fs.hammer.btree.BTreeElement;

/**
 * One retention interval of a prune (hammer_ioc_prune_elm): a historical record is pruned when its lifetime
 * lies entirely inside {@code [beg, end]} and, with {@code every > 0}, its create and delete fall into the same
 * bucket of {@code every} (so one version per bucket survives: the one visible at each bucket's last TID or
 * second). In the {@link Unit#TID} unit the lifetime is {@code [create_tid, delete_tid)}; in {@link Unit#SECONDS}
 * it is the records' create and delete timestamps (seconds of the mount clock). Reads as of a TID before
 * {@code beg} or at or after {@code end} are never affected.
 *
 * @param unit  what beg, end and every count
 * @param beg   first TID (second) of the interval
 * @param end   last TID (second) of the interval
 * @param every bucket size; 0 keeps nothing that lies entirely inside the interval
 */
public record PruneInterval(Unit unit, long beg, long end, long every) {

    /** What an interval counts. */
    public enum Unit {
        TID, SECONDS
    }

    public PruneInterval {
        if (Long.compareUnsigned(beg, end) > 0 || every < 0) {
            throw new IllegalArgumentException("prune interval [" + beg + ", " + end + "] every " + every
                    + ": the start must not follow the end and the bucket must not be negative");
        }
    }

    /** Every record whose whole lifetime ended by TID {@code end}: DragonFly's "prune everything older than". */
    public static PruneInterval before(long end) {
        return new PruneInterval(Unit.TID, 0, end, 0);
    }

    /** Whether a historical record (delete_tid ≠ 0) lies inside the interval and within one bucket. */
    boolean covers(BTreeElement e) {
        long c = unit == Unit.TID ? e.createTid() : Integer.toUnsignedLong(e.createTs());
        long d = unit == Unit.TID ? e.deleteTid() : Integer.toUnsignedLong(e.deleteTs());
        if (Long.compareUnsigned(c, beg) < 0 || Long.compareUnsigned(d, end) > 0) {
            return false;
        }
        return every == 0 || Long.divideUnsigned(c, every) == Long.divideUnsigned(d, every);
    }
}
