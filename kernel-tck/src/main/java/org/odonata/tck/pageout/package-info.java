/**
 * The pageout-policy conformance kit: properties every {@code PageoutPolicy} must have, checked by replaying seeded
 * reference strings against one pool of resident pages.
 */
@Export
@Version("1.0.0")
package org.odonata.tck.pageout;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
