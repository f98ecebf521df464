/**
 * The filesystem conformance kit: a filesystem type mounted in a real kernel and driven through the POSIX calls by
 * seeded random operations, checked against a model of the tree.
 */
@Export
@Version("1.0.0")
package org.odonata.tck.fs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
