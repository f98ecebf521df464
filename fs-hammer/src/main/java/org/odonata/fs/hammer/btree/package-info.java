/** The HAMMER B+tree with left/right boundaries: 4 KB nodes of 63 elements, top-down splits, empty-node */
/** removal, aggregate mirror_tid, history through create/delete TIDs, cursors and as-of visibility. */
package org.odonata.fs.hammer.btree;
