package org.odonata.fs.hammer.check;

import java.util.Map;
import java.util.TreeMap;

import org.odonata.fs.hammer.ondisk.ZoneOffset;

/**
 * The space the volume's structures reach (B-tree nodes, record data, the freemap, the UNDO FIFO), as
 * extents of the zone-2 address space with the zone and structure that own them. Adding an extent that
 * overlaps one already added is a problem: two structures would share bytes (a cross-link). O(log n) per
 * extent, O(n) memory.
 */
final class ReachableSpace {

    /** An extent: where it starts (zone-2 offset), its length, its zone, and what owns it. */
    record Extent(long start, long length, int zone, String structure, long ownerOffset) {

        long end() {
            return start + length;
        }
    }

    private final TreeMap<Long, Extent> extents = new TreeMap<>();
    private final ProblemLog log;

    ReachableSpace(ProblemLog log) {
        this.log = log;
    }

    /**
     * @param zoneOffset  where the bytes are (zones 2–4 and 8–11 share one address space)
     * @param length      bytes
     * @param zone        the zone whose big-blocks must hold them
     * @param structure   what they are, for messages
     * @param ownerOffset where the pointer to them is (for messages)
     */
    void add(long zoneOffset, long length, int zone, String structure, long ownerOffset) {
        Extent e = new Extent(ZoneOffset.offset(zoneOffset), length, zone, structure, ownerOffset);
        Map.Entry<Long, Extent> before = extents.floorEntry(e.start());
        Map.Entry<Long, Extent> after = extents.ceilingEntry(e.start());
        Extent clash = before != null && before.getValue().end() > e.start() ? before.getValue()
                : after != null && after.getKey() < e.end() ? after.getValue() : null;
        if (clash != null) {
            log.add(structure, zoneOffset, length + " bytes overlap the " + clash.structure() + " at zone-2 offset "
                    + ZoneOffset.hex(clash.start()) + " (cross-linked; referenced from " + ZoneOffset.hex(ownerOffset)
                    + " and " + ZoneOffset.hex(clash.ownerOffset()) + ")");
            return;
        }
        extents.put(e.start(), e);
    }

    /** The extents starting in {@code [from, to)} of the zone-2 address space, in order. */
    Iterable<Extent> between(long from, long to) {
        return extents.subMap(from, to).values();
    }
}
