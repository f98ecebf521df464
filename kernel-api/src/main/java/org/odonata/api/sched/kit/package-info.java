/**
 * A kit for writing user schedulers in a few lines, after sched_ext's built-in dispatch queues: per-CPU, global
 * and vtime-ordered queues, idle-CPU tracking with kicks and a default CPU selection, a time slice, and a base
 * class with a default for every {@link org.odonata.api.sched.UserScheduler} callback.
 */
@Export
@Version("1.0.0")
package org.odonata.api.sched.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
