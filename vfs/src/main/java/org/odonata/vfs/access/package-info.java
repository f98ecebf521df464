/** Credentials ({@code struct ucred}) and the permission checks the VFS makes for every filesystem */
/** ({@code naccess_va}, sticky directories, owner checks for attribute changes). */
package org.odonata.vfs.access;
