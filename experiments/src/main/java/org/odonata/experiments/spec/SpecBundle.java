package org.odonata.experiments.spec;

import java.net.URI;
import java.nio.file.Path;

/**
 * A bundle a spec loads ({@code bundles:}) before anything runs: a jar, or a bundle resolved from an OSGi R5
 * repository index.
 *
 * @param jar        the jar, resolved against the spec's folder; {@code null} for a repository bundle
 * @param repository the index; {@code null} for a jar
 * @param name       a symbolic name or a capability ({@code odonata.scheduler=rr}); {@code null} for a jar
 * @param version    a version range, or {@code null} for the highest
 */
public record SpecBundle(Path jar, URI repository, String name, String version) {
}
