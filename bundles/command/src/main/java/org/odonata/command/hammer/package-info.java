/**
 * sbin/hammer's PFS and mirror programs over the system calls, run inside simulated processes: shared by the shell's
 * {@code hammer:pfs-*} and {@code hammer:mirror-*} commands and the experiments' {@code mirror-stream} workload.
 */
@Export
@Version("1.0.0")
package org.odonata.command.hammer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
