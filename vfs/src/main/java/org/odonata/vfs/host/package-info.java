/** The kernel as the VFS uses it: {@code VfsHost} plus lockmgr locks, the costs the VFS charges, its counters. */
/** Everything that blocks, spends cycles or takes a lock goes through here. */
package org.odonata.vfs.host;
