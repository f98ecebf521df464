/** The VFS bundle's entry points: the {@code VfsFactory} service and the per-kernel {@code Vfs}. */
/** The mechanisms live in the subpackages (namecache, vnode, mount, file, syscall, access, host, core). */
package org.odonata.vfs;
