/**
 * Virtual time and the discrete-event engine: events, simulated threads that block and resume,
 * and the seeded random streams every simulation draws from.
 */
@Export
@Version("1.2.0")
package org.odonata.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
