package org.odonata.fs.hammer.flush;

/** The points of a flush cycle after which a crash leaves a distinct on-disk state. */
public enum FlushPhase {
    /** (1) Data buffers written (not yet durable). */
    DATA_WRITTEN,
    /** (2) UNDO records written and the device flushed: data and UNDO are durable. */
    UNDO_FLUSHED,
    /** (3) The volume header with the new UNDO pointers and next TID written with FUA. */
    HEADER_WRITTEN,
    /** (4) Metadata (B-tree nodes, freemap) written, not yet durable. */
    METADATA_WRITTEN,
    /** The next cycle's device flush and header write: the group's UNDO is retired, the group committed. */
    RETIRED,
    /** REDO records of an fsync written (durable with FUA, or after the device flush of fsync mode 2). */
    REDO_WRITTEN
}
