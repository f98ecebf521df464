/**
 * Installing subsystem bundles at run time (from a jar or an OSGi R5 repository index), checked by the bundle
 * verifier first, and the provenance of every installed bundle that results record: name, version, SHA-256,
 * location and verdict.
 */
@Export
@Version("1.0.0")
package org.odonata.api.repo;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
