/**
 * The importer of strace's text output ({@code strace -f -s N -o FILE}, with or without {@code -tt}, {@code -ttt},
 * {@code -T}, {@code -y}/{@code -yy}): system calls joined across {@code <unfinished ...>}/{@code <... resumed>},
 * process exits and signals, and the decoding of the values strace prints (C strings, numbers, flags, structures).
 */
@Export
@Version("1.0.0")
package org.odonata.replay.strace;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
