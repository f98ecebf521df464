/**
 * Kernel threads and what kernel code running in a thread may call: DragonFly's {@code lwkt_create}, tsleep and
 * wakeup, kernel CPU time, tokens and {@code lwkt_yield}, for subsystems built as bundles (buffer cache, pagers).
 */
@Export
@Version("1.1.0")
package org.odonata.api.kthread;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
