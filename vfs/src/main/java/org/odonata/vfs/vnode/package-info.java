/** Vnodes ({@code struct vnode}): the VFS's handle on a filesystem node, with DragonFly's states, references */
/** and lockmgr lock, and the table that allocates, deactivates and reclaims them. */
package org.odonata.vfs.vnode;
