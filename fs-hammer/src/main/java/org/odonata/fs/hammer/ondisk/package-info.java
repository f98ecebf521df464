/** HAMMER v1 on-disk format: zone-encoded offsets, the volume header with its blockmaps and UNDO array, */
/** the freemap's layer 1/layer 2 entries, and CRC32C over every structure (hammer_disk.h). */
package org.odonata.fs.hammer.ondisk;
