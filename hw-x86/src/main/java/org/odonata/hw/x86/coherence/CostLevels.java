package org.odonata.hw.x86.coherence;

import java.util.Arrays;

/**
 * For each CPU, the other CPUs grouped by what a line transfer between them costs, in ascending order of cost,
 * each group a bitset in {@link Line}'s layout. The cheapest or dearest copy among a line's sharers is then the
 * first group, from either end, that meets the sharer set: a few word ANDs, however many CPUs share the line
 * (a topology has a handful of distances), where a walk over the sharers grows with the machine.
 */
final class CostLevels {

    /** Words of one CPU set. */
    private final int words;
    /**
     * levels[cpu]: that CPU's costs in ascending order, then for each of them the bitset of the other CPUs at that
     * cost, all in one array so that a lookup reads one object (two cache lines for 256 CPUs and four levels).
     */
    private final long[][] levels;

    /** @param costs costs[a * n + b]: what CPU a pays to reach a line held by CPU b */
    CostLevels(long[] costs, int n) {
        this.words = (n + 63) >>> 6;
        this.levels = new long[n][];
        for (int a = 0; a < n; a++) {
            long[] row = new long[n - 1];
            int k = 0;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    row[k++] = costs[a * n + b];
                }
            }
            long[] distinct = Arrays.stream(row).distinct().sorted().toArray();
            int count = distinct.length;
            long[] table = Arrays.copyOf(distinct, count * (1 + words));
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    int level = Arrays.binarySearch(distinct, costs[a * n + b]);
                    table[count + level * words + (b >>> 6)] |= 1L << b;
                }
            }
            levels[a] = table;
        }
    }

    /** The cheapest cost from {@code cpu} to a CPU other than itself in {@code sharers}; MAX_VALUE if none. */
    long cheapest(int cpu, long[] sharers) {
        long[] table = levels[cpu];
        int count = table.length / (1 + words);
        for (int level = 0; level < count; level++) {
            if (meets(table, count + level * words, sharers)) {
                return table[level];
            }
        }
        return Long.MAX_VALUE;
    }

    /** The dearest cost from {@code cpu} to a CPU other than itself in {@code sharers}; -1 if none. */
    long dearest(int cpu, long[] sharers) {
        long[] table = levels[cpu];
        int count = table.length / (1 + words);
        for (int level = count - 1; level >= 0; level--) {
            if (meets(table, count + level * words, sharers)) {
                return table[level];
            }
        }
        return -1;
    }

    /** Whether the set at {@code table[from..]} meets {@code sharers}. */
    private static boolean meets(long[] table, int from, long[] sharers) {
        for (int w = 0; w < sharers.length; w++) {
            if ((table[from + w] & sharers[w]) != 0) {
                return true;
            }
        }
        return false;
    }
}
