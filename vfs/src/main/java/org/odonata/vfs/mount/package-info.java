/** Mounts ({@code struct mount}) and the mount table: which filesystem is mounted on which namecache entry, */
/** busy counts, and the namecache's mount-point crossing ({@code cache_findmount}). */
package org.odonata.vfs.mount;
