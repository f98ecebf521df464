/**
 * The filesystem SPI: what a filesystem bundle implements so that the VFS can mount it — a
 * {@link org.odonata.api.fs.FileSystemType} service, its mounted {@link org.odonata.api.fs.FileSystem} and its
 * {@link org.odonata.api.fs.FsNode}s with DragonFly's vnode and namecache operations. HAMMER and tmpfs implement it.
 */
@Export
@Version("1.1.0")
package org.odonata.api.fs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
