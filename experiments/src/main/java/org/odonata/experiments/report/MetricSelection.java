package org.odonata.experiments.report;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which metrics reports and charts show: the spec's {@code metrics:} names and patterns ({@code *} matches
 * within a dotted name), or a default set of the headline figures when it gives none. Every metric is still
 * in trials.csv and summary.json.
 */
final class MetricSelection {

    private static final List<String> DEFAULT = List.of("throughput", "context_switches", "migrations", "wakeups",
            "ipis_sent", "token_collisions", "token_spin_cycles", "cpu_util", "lat.*.p50", "lat.*.p99");

    private final List<Pattern> patterns;

    MetricSelection(List<String> names) {
        this.patterns = (names.isEmpty() ? DEFAULT : names).stream()
                .map(n -> Pattern.compile(Pattern.quote(n).replace("*", "\\E[^.]*\\Q"))).toList();
    }

    /** The selected metrics among {@code available}, in the selection's order, then the metrics' order. */
    List<String> select(List<String> available) {
        List<String> out = new java.util.ArrayList<>();
        for (Pattern p : patterns) {
            for (String m : available) {
                if (p.matcher(m).matches() && !out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }
}
