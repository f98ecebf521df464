/**
 * Real programs as the oracle: strace traces replayed as simulated processes on a booted kernel, each call under
 * the traced directory compared with the result the host gave ({@code fs:replay}).
 */
@Export
@Version("1.0.0")
package org.odonata.replay;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
