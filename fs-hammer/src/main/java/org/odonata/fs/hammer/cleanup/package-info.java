/** The explicit cleanup operations: prune (hammer_prune.c) physically removes history inside retention */
/** intervals; reblock (hammer_reblock.c) empties under-filled big-blocks. Both run as flush groups with UNDO. */
package org.odonata.fs.hammer.cleanup;
