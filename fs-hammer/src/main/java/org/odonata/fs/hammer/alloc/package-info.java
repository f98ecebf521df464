/** Space allocation: per-zone append allocation out of big-blocks tracked by the two-layer freemap; */
/** space comes back only when a whole big-block is empty (hammer_blockmap.c). */
package org.odonata.fs.hammer.alloc;
