/**
 * Conformance kits (TCKs) for the kernel API's SPIs: named properties, each checked by seeded randomized runs, and
 * a report with one pass/fail line per property, for a bundle's own unit tests and for the shell's {@code tck:run}.
 */
@Export
@Version("1.0.0")
package org.odonata.tck;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
