package org.odonata.hw.x86.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.odonata.api.topology.CoreKind;

/**
 * Decides performance and efficiency cores from hwloc's {@code <cpukind>}s. hwloc ranks kinds by
 * efficiency (higher is faster) when it knows; otherwise the CoreType names or the maximum frequencies
 * tell them apart. The fastest kind is PERFORMANCE, all slower kinds EFFICIENCY; one kind, or kinds that
 * nothing distinguishes, are UNIFORM.
 */
final class CoreKinds {

    private final List<HwlocXmlParser.CpuKind> kinds;
    private final CoreKind[] ranked;

    CoreKinds(List<HwlocXmlParser.CpuKind> kinds) {
        this.kinds = kinds;
        this.ranked = rank(kinds);
    }

    CoreKind of(int osIndex) {
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i).cpus().contains(osIndex)) {
                return ranked[i];
            }
        }
        return CoreKind.UNIFORM;
    }

    private static CoreKind[] rank(List<HwlocXmlParser.CpuKind> kinds) {
        long[] score = null;
        if (kinds.size() > 1) {
            score = scores(kinds, k -> k.efficiency());
            if (score == null) {
                score = scores(kinds, CoreKinds::coreTypeScore);
            }
            if (score == null) {
                score = scores(kinds, CoreKinds::frequencyScore);
            }
        }
        CoreKind[] result = new CoreKind[kinds.size()];
        long fastest = score == null ? 0 : Arrays.stream(score).max().orElse(0);
        for (int i = 0; i < result.length; i++) {
            result[i] = score == null ? CoreKind.UNIFORM
                    : score[i] == fastest ? CoreKind.PERFORMANCE : CoreKind.EFFICIENCY;
        }
        return result;
    }

    /** Scores of every kind, or null when one is unknown (negative) or all are equal. */
    private static long[] scores(List<HwlocXmlParser.CpuKind> kinds, ToLongFunction<HwlocXmlParser.CpuKind> score) {
        long[] values = kinds.stream().mapToLong(score).toArray();
        boolean known = Arrays.stream(values).allMatch(v -> v >= 0);
        boolean differ = Arrays.stream(values).distinct().count() > 1;
        return known && differ ? values : null;
    }

    /** Intel names its small cores IntelAtom, AMD its dense ones AMDEfficiency. */
    private static long coreTypeScore(HwlocXmlParser.CpuKind kind) {
        String type = kind.infos().get("CoreType");
        if (type == null) {
            return -1;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("atom") || lower.contains("efficiency") ? 0 : 1;
    }

    private static long frequencyScore(HwlocXmlParser.CpuKind kind) {
        try {
            return Long.parseLong(kind.infos().getOrDefault("FrequencyMaxMHz", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
