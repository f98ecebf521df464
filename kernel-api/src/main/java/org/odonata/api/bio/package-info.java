/**
 * The kernel's block I/O path, DragonFly's bio layer: an asynchronous strategy call, the completion interrupt routed
 * to one CPU, biodone in the disk's interrupt thread there, and biowait for synchronous callers.
 */
@Export
@Version("1.0.0")
package org.odonata.api.bio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
