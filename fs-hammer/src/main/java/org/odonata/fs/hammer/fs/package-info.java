/** The HAMMER filesystem as a file API independent of the VFS: newfs, mount with recovery, paths with */
/** the @@0x<tid> and @@-1:<pfs> syntax, file and directory operations, fsync modes, sync, snapshots and PFSs. */
package org.odonata.fs.hammer.fs;
