package org.odonata.vm.map;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries of one address space ({@code struct vm_map}), ordered by start page: lookup, free-space search
 * ({@code vm_map_findspace}), and clipping at a page so an operation can cover part of an entry
 * ({@code vm_map_clip_start}/{@code _end}). Callers hold the map lock.
 * Simplification: a sorted tree map rather than DragonFly's RB tree with its free-space hints.
 */
final class VmMap {

    private final TreeMap<Long, VmMapEntry> entries = new TreeMap<>();

    /** The entry containing virtual page {@code vpn}, or null. */
    VmMapEntry lookup(long vpn) {
        Map.Entry<Long, VmMapEntry> e = entries.floorEntry(vpn);
        return e != null && e.getValue().end > vpn ? e.getValue() : null;
    }

    Collection<VmMapEntry> all() {
        return entries.values();
    }

    void insert(VmMapEntry e) {
        entries.put(e.start, e);
    }

    void remove(VmMapEntry e) {
        entries.remove(e.start);
    }

    /** The lowest start at or above {@code hint} of a free run of {@code pages} below {@code limit}, or -1. */
    long findSpace(long hint, long pages, long limit) {
        long at = hint;
        Map.Entry<Long, VmMapEntry> before = entries.floorEntry(at);
        if (before != null && before.getValue().end > at) {
            at = before.getValue().end;
        }
        for (VmMapEntry e : entries.tailMap(at, true).values()) {
            if (e.start - at >= pages) {
                break;
            }
            at = Math.max(at, e.end);
        }
        return at + pages <= limit ? at : -1;
    }

    /** Whether any entry overlaps {@code [from, to)}. */
    boolean overlaps(long from, long to) {
        Map.Entry<Long, VmMapEntry> e = entries.lowerEntry(to);
        return e != null && e.getValue().end > from;
    }

    /**
     * The entries overlapping {@code [from, to)}, clipped so each lies inside the range ({@code vm_map_clip_*});
     * {@code onSplit} is told about every entry split in two, since the new half references the same objects.
     */
    List<VmMapEntry> clipRange(long from, long to, java.util.function.Consumer<VmMapEntry> onSplit) {
        clip(from, onSplit);
        clip(to, onSplit);
        return new ArrayList<>(entries.subMap(from, true, to, false).values());
    }

    private void clip(long vpn, java.util.function.Consumer<VmMapEntry> onSplit) {
        VmMapEntry e = lookup(vpn);
        if (e == null || e.start == vpn) {
            return;
        }
        VmMapEntry tail = e.slice(vpn, e.end);
        VmMapEntry head = e.slice(e.start, vpn);
        entries.remove(e.start);
        entries.put(head.start, head);
        entries.put(tail.start, tail);
        onSplit.accept(tail);
    }
}
