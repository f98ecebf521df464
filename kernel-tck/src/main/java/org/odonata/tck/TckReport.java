package org.odonata.tck;

import java.util.ArrayList;
import java.util.List;

/**
 * What a conformance kit found for one implementation.
 *
 * @param kit            {@code sched}, {@code sync}, …
 * @param implementation the implementation's name
 * @param results        one per property, in the kit's order
 */
public record TckReport(String kit, String implementation, List<PropertyResult> results) {

    public TckReport {
        results = List.copyOf(results);
    }

    /** No property failed (skipped and unclaimed ones do not fail). */
    public boolean passed() {
        return failures().isEmpty();
    }

    public List<PropertyResult> failures() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
    }

    /** One line per property, then a summary line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (PropertyResult r : results) {
            lines.add(r.line());
        }
        long passed = results.stream().filter(r -> r.verdict() == Verdict.PASS).count();
        lines.add(kit + " kit, " + implementation + ": " + passed + " passed, " + failures().size() + " failed"
                + (passed + failures().size() < results.size() ? ", " + (results.size() - passed - failures().size())
                        + " not checked" : ""));
        return lines;
    }

    /** Throws an AssertionError listing every line if a property failed: a unit test's one-line check. */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError(String.join(System.lineSeparator(), lines()));
        }
    }
}
