/** HAMMER mirroring (hammer_mirror.c, sbin/hammer/cmd_mirror.c): the versioned, checksummed mirror stream, */
/** the mirror-filtered read of a PFS's changes since a TID and their application to a slave PFS. */
package org.odonata.fs.hammer.mirror;
