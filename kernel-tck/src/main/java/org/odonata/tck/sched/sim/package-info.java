/**
 * A discrete-time stand-in for the kernel core that drives a user scheduler through the SPI and checks the
 * contract after every call: the scheduler kit's engine, and a harness for schedulers' own unit tests.
 */
@Export
@Version("1.0.0")
package org.odonata.tck.sched.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
