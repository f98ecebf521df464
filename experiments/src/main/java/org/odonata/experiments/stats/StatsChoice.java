package org.odonata.experiments.stats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a run's comparisons are made: the test and the confidence level of every interval (spec key
 * {@code stats: {test: paired-t, confidence: 0.95}}).
 */
public record StatsChoice(TestKind test, double confidence) {

    public static final StatsChoice DEFAULT = new StatsChoice(TestKind.PAIRED_T, 0.95);

    public StatsChoice {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
    }

    /** {@code 95%}. */
    public String level() {
        double pct = confidence * 100;
        return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct)
                : String.format(Locale.ROOT, "%s", pct)) + "%";
    }

    /** What every table and caption says about its numbers. */
    public String caption() {
        return "mean ± " + level() + " t interval of the mean over trials; vs the baseline: the " + test.description()
                + (test.paired() ? " (difference of the means with its " + level() + " paired t interval)"
                        : " (difference of the means with its " + level() + " Welch interval)");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", test.key());
        m.put("testDescription", test.description());
        m.put("confidence", confidence);
        return m;
    }
}
