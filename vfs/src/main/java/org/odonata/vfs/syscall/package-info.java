/** The file system calls of one process, split by mechanism as DragonFly's sources are: descriptors */
/** ({@code kern_descrip.c}, {@code sys_generic.c}), paths ({@code vfs_syscalls.c}), mounts, credentials. */
package org.odonata.vfs.syscall;
