/** The UNDO/REDO FIFO of zone 3 (records with signed, sequenced, CRC'd heads and tails) and mount-time */
/** recovery: stage 1 undoes the incomplete flush groups, stage 2 replays REDO from the sync point. */
package org.odonata.fs.hammer.fifo;
