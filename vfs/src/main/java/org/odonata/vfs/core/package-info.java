/** One kernel's VFS state — namecache, vnodes, mount table, filesystem types — and mounting and unmounting */
/** ({@code sys/kern/vfs_mount.c}, {@code vfs_syscalls.c}'s {@code sys_mount}/{@code sys_unmount}). */
package org.odonata.vfs.core;
