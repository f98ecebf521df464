package org.odonata.fs.hammer.flush;

import java.util.ArrayList;
import java.util.List;

import org.odonata.fs.hammer.inode.Inode;

/**
 * One flush group (hammer_flush_group): the inodes synced under one TID, whose B-tree changes become
 * durable together. Its size is bounded by the UNDO the group may need, estimated before each dependency
 * group joins it.
 */
final class FlushGroup {

    final long tid;
    final int ts;
    final List<Inode> inodes = new ArrayList<>();
    long undoEstimate;

    FlushGroup(long tid, int ts) {
        this.tid = tid;
        this.ts = ts;
    }
}
