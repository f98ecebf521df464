/**
 * A kit for writing token implementations: a base class that handles the exclusive owner's recursion, release
 * checks, waits with a deadline, {@code abandon()} and spin accounting, so an implementation writes only how a
 * CPU gets and passes the token.
 */
@Export
@Version("1.0.0")
package org.odonata.api.sync.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
