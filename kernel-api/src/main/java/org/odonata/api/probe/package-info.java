/**
 * What observers of a running simulation (dynamic probes) may read: the virtual time and CPU of the code running
 * on the calling thread.
 */
@Export
@Version("1.0.0")
package org.odonata.api.probe;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
