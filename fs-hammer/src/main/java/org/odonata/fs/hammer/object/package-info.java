/** Filesystem objects as B-tree records: inodes, directory entries (name hash + iterator), file data */
/** extents keyed by end offset, and snapshots, with their data in the meta and data zones (hammer_object.c). */
package org.odonata.fs.hammer.object;
