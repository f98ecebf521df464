/**
 * The token SPI: how a CPU acquires and releases a serializing token on the simulated cache lines;
 * the kernel core owns the semantics (tokref stacks, release at switch, all-or-nothing reacquisition).
 */
@Export
@Version("1.1.0")
package org.odonata.api.sync;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
