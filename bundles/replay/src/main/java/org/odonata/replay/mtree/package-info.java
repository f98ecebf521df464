/**
 * mtree(8) specifications of a simulated tree, in the format Debian's {@code mtree-netbsd} writes ({@code mtree -c})
 * and checks ({@code mtree -f}): {@code /set} defaults, {@code ..}, continued lines, names encoded with vis(3).
 */
@Export
@Version("1.0.0")
package org.odonata.replay.mtree;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
