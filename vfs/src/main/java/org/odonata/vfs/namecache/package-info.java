/** DragonFly's namecache ({@code sys/kern/vfs_cache.c}) and {@code nlookup} ({@code vfs_nlookup.c}): entries with */
/** parent and child links, negative entries, per-entry locks, resolution through VOP_NRESOLVE, mount crossing. */
package org.odonata.vfs.namecache;
