/**
 * The VFS as the kernel core sees it: the {@link org.odonata.api.vfs.VfsFactory} service, per-process file state
 * and the file system calls, errno values and flag constants, and {@link org.odonata.api.vfs.VfsHost}, what the
 * kernel offers the VFS and the filesystems (threads, tokens, tsleep/wakeup, clocks, cycles).
 */
@Export
@Version("1.3.0")
package org.odonata.api.vfs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
