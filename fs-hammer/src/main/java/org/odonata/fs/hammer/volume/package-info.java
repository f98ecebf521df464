/** The volume: device I/O in zone-encoded offsets, the in-memory header and TID allocation, staged data */
/** buffers, and the metadata cache that captures the UNDO image of every block before its first change. */
package org.odonata.fs.hammer.volume;
