package org.odonata.experiments.run;

/**
 * Trial seeds: {@code trial(base, i)} mixes the base seed and the trial index with SplitMix64's finaliser,
 * so neighbouring trials get unrelated streams and the mapping never changes between releases. Every
 * variant and workload of a trial index gets the same seed (common random numbers sharpen comparisons).
 */
public final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    public static long trial(long base, int trial) {
        long z = base + GOLDEN * (trial + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
