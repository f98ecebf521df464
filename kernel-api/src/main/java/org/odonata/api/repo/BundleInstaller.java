package org.odonata.api.repo;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs subsystem bundles into the running framework and remembers where each came from. Every install is
 * verified (when a bundle verifier is present) before any class of the bundle is loaded, and a refused bundle is
 * not installed unless {@code unsafe} is set. An installed bundle is started; the framework runs every bundle at
 * the start level it is installed at.
 */
@ProviderType
public interface BundleInstaller {

    /**
     * Installs and starts the bundle in {@code jar}. If a bundle with the same symbolic name, version and
     * SHA-256 is already installed, returns that one; if the same name and version with other content is,
     * updates it in place.
     *
     * @throws IllegalArgumentException naming the file and what was wrong (not a bundle, refused by the verifier)
     */
    InstalledBundle install(Path jar, boolean unsafe);

    /**
     * Resolves {@code name} in the R5 repository index at {@code index} against what is installed, checks each
     * resource's SHA-256 against the index, and installs and starts what is missing.
     *
     * @param name a Bundle-SymbolicName, or a capability written {@code namespace=value} (for example
     *        {@code odonata.scheduler=rr})
     * @param version an OSGi version range ({@code 1.2}, {@code [1.2,2)}), or {@code null} for the highest
     * @return the bundles installed, the one asked for first
     * @throws IllegalArgumentException naming what could not be found or resolved, and why
     */
    List<InstalledBundle> install(URI index, String name, String version, boolean unsafe);

    /** Every bundle in the framework, by id, with its provenance. */
    List<InstalledBundle> installed();
}
