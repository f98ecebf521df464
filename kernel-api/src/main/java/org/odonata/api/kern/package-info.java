/**
 * The kernel a machine boots: processes, LWPs and LWKT threads, the system calls user programs make (memory ones
 * through the VM SPI), statistics, tunables, live swaps of the user scheduler and the token implementation, the
 * CPUs user LWPs may use, and the kernel's block I/O path and kernel threads for subsystems built as bundles.
 */
@Export
@Version("1.8.0")
package org.odonata.api.kern;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
