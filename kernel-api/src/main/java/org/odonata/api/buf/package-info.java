/**
 * The buffer cache as a filesystem sees it, DragonFly's {@code sys/kern/vfs_bio.c}: buffers of a block device found
 * or read with {@code getblk}/{@code bread}, written synchronously, asynchronously or later ({@code bwrite},
 * {@code bawrite}, {@code bdwrite}), and the syncer that writes delayed buffers as they age.
 */
@Export
@Version("1.0.0")
package org.odonata.api.buf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
