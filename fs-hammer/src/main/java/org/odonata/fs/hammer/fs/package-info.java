/** The HAMMER filesystem as a file API independent of the VFS: newfs, mount with recovery, paths with */
/** the @@0x<tid> as-of syntax, file and directory operations, fsync modes, sync and snapshots. */
package org.odonata.fs.hammer.fs;
