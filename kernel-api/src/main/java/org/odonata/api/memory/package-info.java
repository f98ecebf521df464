/**
 * Simulated shared memory: cache lines priced by a MESI-like coherence model,
 * spin-waits as waiting for a line to change, and physical page frames per NUMA node.
 */
@Export
@Version("1.3.0")
package org.odonata.api.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
