/** The hammer: Gogo commands over image files on the host: newfs, mount, file access, history, snapshots, */
/** prune, reblock and check. */
package org.odonata.fs.hammer.shell;
