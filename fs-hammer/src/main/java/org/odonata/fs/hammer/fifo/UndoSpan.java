package org.odonata.fs.hammer.fifo;

import java.util.List;

/**
 * The active part of the UNDO/REDO FIFO as recovery sees it: the records from the header's first offset
 * onward while sequence numbers stay continuous, which may extend past the header's next offset.
 *
 * @param first      zone-3 offset (without the zone tag) where the span starts
 * @param end        where it ends: the first record that is missing, stale or corrupt
 * @param endSeq     the sequence number a record at {@code end} would need
 * @param headerNext the next offset the volume header recorded
 * @param records    the records in FIFO order
 * @param stopReason why the scan stopped at {@code end}
 */
public record UndoSpan(long first, long end, int endSeq, long headerNext, List<Entry> records, String stopReason) {

    /** A record and its zone-3 offset. */
    public record Entry(long offset, FifoRecord record) {
    }
}
