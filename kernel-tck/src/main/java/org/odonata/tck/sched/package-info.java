/**
 * The user-scheduler conformance kit: properties every {@code UserScheduler} must have, checked on the simulated
 * core under seeded random operations, and on a real kernel when one is available.
 */
@Export
@Version("1.0.0")
package org.odonata.tck.sched;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
