/**
 * The user-scheduler SPI (DragonFly's struct usched, in the spirit of sched_ext ops): the policy that
 * picks which LWP each CPU runs in user mode; the kernel core owns the mechanism.
 */
@Export
@Version("1.2.0")
package org.odonata.api.sched;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
