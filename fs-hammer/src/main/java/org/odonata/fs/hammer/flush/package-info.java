/** The flusher: syncs dirty inodes into the B-tree in flush groups bounded by UNDO space and writes each */
/** group in DragonFly's order (data; UNDO and a wait; the header; metadata), plus REDO for fast fsync. */
package org.odonata.fs.hammer.flush;
