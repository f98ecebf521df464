package org.odonata.experiments.stats;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The test that compares a variant with the baseline. Trials of every variant share their seeds (common random
 * numbers), so the paired tests work on the per-seed differences, which removes the variance the seeds put into
 * both sides; Welch's test ignores the pairing and is there for runs whose trials do not share seeds.
 */
public enum TestKind {
    /** Student's t on the per-seed differences; assumes they are roughly normal. */
    PAIRED_T("paired-t", "paired t-test on the per-seed differences", true),
    /** The exact distribution of the signed-rank sum (zero differences dropped, tied ranks averaged). */
    WILCOXON("wilcoxon", "exact Wilcoxon signed-rank test on the per-seed differences", true),
    /**
     * Every sign assignment of the per-seed differences (exact up to {@value Tests#EXACT_FLIPS_MAX} non-zero pairs,
     * else 2^20 seeded random flips).
     */
    PERMUTATION("permutation", "exact sign-flip permutation test on the per-seed differences", true),
    /** Welch's unequal-variance t-test on the two samples. */
    WELCH("welch", "Welch's t-test (unpaired)", false);

    private final String key;
    private final String description;
    private final boolean paired;

    TestKind(String key, String description, boolean paired) {
        this.key = key;
        this.description = description;
        this.paired = paired;
    }

    /** How specs and {@code --set stats.test=…} name it. */
    public String key() {
        return key;
    }

    /** How tables and captions name it. */
    public String description() {
        return description;
    }

    public boolean paired() {
        return paired;
    }

    /** @throws IllegalArgumentException listing the known keys */
    public static TestKind of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test '" + key + "'; tests: " + keys()));
    }

    public static String keys() {
        return Arrays.stream(values()).map(TestKind::key).collect(Collectors.joining(", "));
    }
}
