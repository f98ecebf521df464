/**
 * The kernel a machine boots: processes, LWPs and LWKT threads, the system calls user programs make (memory ones
 * through the VM SPI), statistics, tunables, live swaps of the user scheduler and the token implementation, and the
 * CPUs user LWPs may use.
 */
@Export
@Version("1.4.0")
package org.odonata.api.kern;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
