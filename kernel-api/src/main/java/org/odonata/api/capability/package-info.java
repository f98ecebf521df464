/**
 * Named capabilities an implementation bundle advertises in its manifest, so that a resolver (bnd, a bndrun's
 * {@code -runrequires}, {@code repo:install}, a spec's {@code bundles:}) can ask for "the bundle providing
 * scheduler rr" instead of naming the bundle.
 */
@Export
@Version("1.0.0")
package org.odonata.api.capability;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
