package org.odonata.repo;

/**
 * The one place where an install asks the bundle verifier (issue 13 §5) about a jar before the framework sees it.
 * The verifier's API, {@code org.odonata.api.bundle.BundleVerifier}, is not in this build yet: until it is, every
 * bundle is admitted with the verdict {@link #NO_VERIFIER}, which config.json records as it is.
 */
final class Verification {

    /** The verdict recorded while no verifier is present. */
    static final String NO_VERIFIER = "not verified: no bundle verifier in this build";

    /**
     * The verdict for a jar about to be installed; throws, naming the jar and its violations, if it is refused
     * and {@code unsafe} is not set.
     */
    String check(byte[] jar, String location, boolean unsafe) {
        return NO_VERIFIER;
    }

    /** The verdict recorded for a bundle installed by someone else (the launcher, other code). */
    String verdictOf(long bundleId, String location) {
        if (bundleId == 0) {
            return "the framework";
        }
        // bnd's embedded launcher installs the distribution's bundles from jar/… inside odonata.jar
        return location.startsWith("jar/") ? "part of the distribution (not verified)" : NO_VERIFIER;
    }
}
