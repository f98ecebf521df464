/** The front end's in-memory inodes: attributes, dirty file blocks, pending directory entries and */
/** truncations, accumulated until the flusher syncs them, with the dependencies that keep them together. */
package org.odonata.fs.hammer.inode;
