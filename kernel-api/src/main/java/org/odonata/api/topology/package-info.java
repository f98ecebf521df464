/**
 * Machine topology: packages, cores, SMT threads, L3 domains and NUMA nodes,
 * and the distance between two CPUs that prices IPIs and cache-line transfers.
 */
@Export
@Version("1.1.0")
package org.odonata.api.topology;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
