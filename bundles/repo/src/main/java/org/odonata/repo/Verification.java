package org.odonata.repo;

import java.util.stream.Collectors;

import org.odonata.api.bundle.BundleVerifier;
import org.odonata.api.bundle.Verdict;

/**
 * Where every install through this bundle asks the bundle verifier about a jar, before the framework sees it, and
 * what is recorded as a bundle's verdict. Without a verifier service (no verifier bundle in the framework) bundles
 * are admitted with the verdict {@link #NO_VERIFIER}, which config.json records as it is.
 */
final class Verification {

    /** The verdict recorded while no verifier is present. */
    static final String NO_VERIFIER = "not verified: no bundle verifier running";

    private Verification() {
    }

    /**
     * The verdict's one-line summary for a jar about to be installed; throws, naming the jar and every violation,
     * if the verifier refuses it and {@code unsafe} is not set. With {@code unsafe} the verifier is told to let
     * this jar (by its SHA-256) run, and the summary says so.
     */
    static String check(BundleVerifier verifier, byte[] jar, String location, boolean unsafe) {
        if (verifier == null) {
            return NO_VERIFIER;
        }
        Verdict v = verifier.verify(jar, location);
        if (!v.passed() && unsafe) {
            verifier.allowUnsafe(v.sha256());
            v = v.allowedUnsafe();
        }
        if (!v.admitted()) {
            throw new IllegalArgumentException(location + ": " + v.symbolicName() + " " + v.version() + " "
                    + v.summary() + ":\n" + v.violations().stream().map(x -> "  " + x)
                    .collect(Collectors.joining("\n")) + "\nnot installed; --unsafe installs it anyway (results "
                    + "record that)");
        }
        return v.summary();
    }

    /** The verdict recorded for a bundle installed some other way (the launcher, other code). */
    static String verdictOf(BundleVerifier verifier, long bundleId, String location) {
        if (bundleId == 0) {
            return "the framework";
        }
        if (verifier != null) {
            var v = verifier.verdictOf(bundleId);
            if (v.isPresent()) {
                return v.get().summary();
            }
        }
        // bnd's embedded launcher installs the distribution's bundles from jar/… inside odonata.jar
        return location.startsWith("jar/") ? "part of the distribution (not verified)"
                : verifier == null ? NO_VERIFIER : "not verified (not a subsystem bundle)";
    }
}
