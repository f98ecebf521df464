package org.odonata.hw.x86.coherence;

import java.util.Arrays;

/**
 * For each CPU, the other CPUs grouped by what a line transfer between them costs, in ascending order of cost,
 * each group a bitset in {@link Line}'s layout. The cheapest or dearest copy among a line's sharers is then the
 * first group, from either end, that meets the sharer set: a few word ANDs, however many CPUs share the line
 * (a topology has a handful of distances), where a walk over the sharers grows with the machine.
 */
final class CostLevels {

    /** cost[cpu][level], ascending. */
    private final long[][] cost;
    /** mask[cpu][level]: the CPUs other than cpu at that cost from it. */
    private final long[][][] mask;

    /** @param costs costs[a * n + b]: what CPU a pays to reach a line held by CPU b */
    CostLevels(long[] costs, int n) {
        int words = (n + 63) >>> 6;
        this.cost = new long[n][];
        this.mask = new long[n][][];
        for (int a = 0; a < n; a++) {
            long[] row = new long[n - 1];
            int k = 0;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    row[k++] = costs[a * n + b];
                }
            }
            long[] levels = Arrays.stream(row).distinct().sorted().toArray();
            long[][] m = new long[levels.length][words];
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    int level = Arrays.binarySearch(levels, costs[a * n + b]);
                    m[level][b >>> 6] |= 1L << b;
                }
            }
            cost[a] = levels;
            mask[a] = m;
        }
    }

    /** The cheapest cost from {@code cpu} to a CPU other than itself in {@code sharers}; MAX_VALUE if none. */
    long cheapest(int cpu, long[] sharers) {
        long[][] m = mask[cpu];
        for (int level = 0; level < m.length; level++) {
            if (meets(m[level], sharers)) {
                return cost[cpu][level];
            }
        }
        return Long.MAX_VALUE;
    }

    /** The dearest cost from {@code cpu} to a CPU other than itself in {@code sharers}; -1 if none. */
    long dearest(int cpu, long[] sharers) {
        long[][] m = mask[cpu];
        for (int level = m.length - 1; level >= 0; level--) {
            if (meets(m[level], sharers)) {
                return cost[cpu][level];
            }
        }
        return -1;
    }

    private static boolean meets(long[] a, long[] b) {
        for (int w = 0; w < a.length; w++) {
            if ((a[w] & b[w]) != 0) {
                return true;
            }
        }
        return false;
    }
}
