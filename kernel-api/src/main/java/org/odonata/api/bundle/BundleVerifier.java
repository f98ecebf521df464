package org.odonata.api.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Inspects a subsystem bundle's classes before any of them is used, for what simulated code must not do (the
 * {@link Rule}s), and refuses it unless the user allows it. Registered as a service by the verifier bundle; it
 * also checks every bundle installed into the framework afterwards that imports the Odonata API, and keeps a
 * refused bundle from resolving, so its classes never load. Verdicts are cached by the jar's SHA-256.
 */
@ProviderType
public interface BundleVerifier {

    /** Verifies a bundle jar on disk (or returns the cached verdict for the same bytes). */
    Verdict verify(Path jar) throws IOException;

    /** Verifies a bundle jar given as bytes; {@code location} names it in messages. */
    Verdict verify(byte[] jar, String location);

    /**
     * Lets the jar with this SHA-256 run despite violations (the user's {@code --unsafe}); its verdict then says
     * so. Call it before installing the bundle.
     */
    void allowUnsafe(String sha256);

    /** The verdict of an installed bundle, by bundle id; empty if it was not verified (not a subsystem bundle). */
    Optional<Verdict> verdictOf(long bundleId);
}
