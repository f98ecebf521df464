package org.odonata.fs.hammer.flush;

/**
 * One flush group (hammer_flush_group): the inodes synced under one TID, whose B-tree changes become
 * durable together. Its size is bounded by the UNDO the group may need, estimated before each dependency
 * group joins it.
 */
final class FlushGroup {

    final long tid;
    final int ts;
    /** Where the FIFO and the last TID were when the group began: what a rollback returns to. */
    final long fifoStart;
    final int fifoStartSeq;
    final long previousTid;
    /** The volume header write has started: from then on the group can only be finished, or undone by recovery. */
    boolean headerWritten;

    FlushGroup(long tid, int ts, long fifoStart, int fifoStartSeq, long previousTid) {
        this.tid = tid;
        this.ts = ts;
        this.fifoStart = fifoStart;
        this.fifoStartSeq = fifoStartSeq;
        this.previousTid = previousTid;
    }
}
