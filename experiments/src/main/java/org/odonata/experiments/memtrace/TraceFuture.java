package org.odonata.experiments.memtrace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.odonata.api.vm.AccessFuture;

/**
 * A replay's future for Belady's {@code opt}: the replay sets {@link #at} before each reference. The reference being
 * made is answered from a next-occurrence array built in one backward pass on the first question; any other page (a
 * live swap to opt asks about every resident page) from per-page position lists built on first need.
 */
final class TraceFuture implements AccessFuture {

    private final PageRefs refs;
    /** vm pages per trace page: the replay touches the first VM page of each trace page. */
    private final int vmShift;
    /** Built on the first question: replays under other policies never ask. */
    private int[] next;
    private Map<Long, int[]> positions;
    /** The reference being made now. */
    int at;

    TraceFuture(PageRefs refs) {
        this.refs = refs;
        this.vmShift = refs.pageShift() - 12;
    }

    private static int[] nextOccurrences(PageRefs refs) {
        int[] next = new int[refs.length()];
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = refs.length() - 1; i >= 0; i--) {
            Integer n = seen.put(refs.page(i), i);
            next[i] = n == null ? -1 : n;
        }
        return next;
    }

    @Override
    public long nextUse(long vpn) {
        long page = vpn >>> vmShift;
        if (next == null) {
            next = nextOccurrences(refs);
        }
        if (page == refs.page(at)) {
            return next[at] < 0 ? Long.MAX_VALUE : next[at];
        }
        if (positions == null) {
            positions = positions();
        }
        int[] ps = positions.get(page);
        if (ps == null) {
            return Long.MAX_VALUE;
        }
        int i = Arrays.binarySearch(ps, at + 1);
        i = i >= 0 ? i : -i - 1;
        return i < ps.length ? ps[i] : Long.MAX_VALUE;
    }

    private Map<Long, int[]> positions() {
        Map<Long, int[]> counts = new HashMap<>();
        for (int i = 0; i < refs.length(); i++) {
            counts.computeIfAbsent(refs.page(i), p -> new int[1])[0]++;
        }
        Map<Long, int[]> out = new HashMap<>();
        Map<Long, Integer> fill = new HashMap<>();
        counts.forEach((p, c) -> out.put(p, new int[c[0]]));
        for (int i = 0; i < refs.length(); i++) {
            long p = refs.page(i);
            int k = fill.merge(p, 1, Integer::sum) - 1;
            out.get(p)[k] = i;
        }
        return out;
    }
}
