/**
 * What shell commands in every bundle share: argument checks that fail with one plain line, progress lines,
 * advancing virtual time in slices that Ctrl-C can stop, atomic result folders, and plain failure messages.
 */
@Export
@Version("1.1.0")
package org.odonata.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
