package org.odonata.fs.hammer.flush;

/**
 * One flush group (hammer_flush_group): the inodes synced under one TID, whose B-tree changes become
 * durable together. Its size is bounded by the UNDO the group may need, estimated before each dependency
 * group joins it.
 */
final class FlushGroup {

    final long tid;
    final int ts;
    long undoEstimate;

    FlushGroup(long tid, int ts) {
        this.tid = tid;
        this.ts = ts;
    }
}
