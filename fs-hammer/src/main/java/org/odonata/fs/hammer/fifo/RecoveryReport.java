package org.odonata.fs.hammer.fifo;

import java.util.List;

/**
 * What mount-time recovery did.
 *
 * @param span         the UNDO/REDO span scanned
 * @param undoApplied  UNDO records applied (in reverse order)
 * @param redo         REDO WRITE/TRUNC records from the sync point on, in FIFO order (stage 2's input)
 * @param redoReplayed REDO records stage 2 replayed (0 on a read-only mount)
 */
public record RecoveryReport(UndoSpan span, int undoApplied, List<FifoRecord> redo, int redoReplayed) {

    public RecoveryReport withReplayed(int replayed) {
        return new RecoveryReport(span, undoApplied, redo, replayed);
    }
}
