package org.odonata.api.bundle;

import java.util.List;

/**
 * What the verifier found in one bundle jar.
 *
 * @param symbolicName its {@code Bundle-SymbolicName}, or the file name when it has none
 * @param version      its {@code Bundle-Version}, or {@code 0.0.0}
 * @param sha256       the SHA-256 of the jar's bytes, hex: the cache key, and what results record
 * @param violations   every violation, in class, method and offset order; empty when it passed
 * @param unsafe       whether the user let it run despite its violations ({@code --unsafe})
 */
public record Verdict(String symbolicName, String version, String sha256, List<Violation> violations,
        boolean unsafe) {

    public Verdict {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** Whether it may run: it passed, or the user allowed it with {@code --unsafe}. */
    public boolean admitted() {
        return passed() || unsafe;
    }

    /** The same verdict, allowed to run despite its violations. */
    public Verdict allowedUnsafe() {
        return new Verdict(symbolicName, version, sha256, violations, true);
    }

    /**
     * One line: {@code passed}, {@code refused: 3 violations (host-clock, synchronized)} or
     * {@code unsafe: 3 violations (...)}, as config.json and the shell record it.
     */
    public String summary() {
        if (passed()) {
            return "passed";
        }
        List<String> rules = violations.stream().map(v -> v.rule().id()).distinct().toList();
        return (unsafe ? "unsafe: " : "refused: ") + violations.size() + " violation"
                + (violations.size() == 1 ? "" : "s") + " (" + String.join(", ", rules) + ")";
    }
}
