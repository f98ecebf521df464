/**
 * A simulated x86-64 machine: its spec, CPUs, and the factory that builds one per spec.
 */
@Export
@Version("1.3.0")
package org.odonata.api.machine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
