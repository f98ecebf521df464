/** The buffer cache ({@code vfs_bio.c}): buffers of the machine's disks, their I/O through the kernel's bio path, */
/** and the threads that write delayed buffers (the syncer of {@code vfs_sync.c}, the buffer daemon). */
package org.odonata.vfs.bio;
