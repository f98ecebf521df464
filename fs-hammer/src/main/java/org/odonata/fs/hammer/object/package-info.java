/** Filesystem objects as B-tree records: inodes, directory entries (name hash + iterator), file data */
/** extents keyed by end offset, snapshots and PFS configurations, a PFS per localization (hammer_object.c). */
package org.odonata.fs.hammer.object;
