/**
 * The token conformance kit: properties every token implementation must have, checked on a real simulated machine
 * under seeded contention, and in a real kernel (release at a block, all-or-nothing reacquisition, no deadlock)
 * when one is available.
 */
@Export
@Version("1.0.0")
package org.odonata.tck.sync;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
