package org.odonata.fs.hammer.mirror;

import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;

/**
 * One record of a mirror stream between its header and its SYNC terminator (struct hammer_ioc_mrecord_any). Keys
 * and elements are PFS-relative: their localization holds the record class only, the PFS bits are the reader's and
 * the writer's own (hammer_ioc_mirror_read strips them, hammer_ioc_mirror_write_rec adds the target's).
 */
public sealed interface MirrorRecord {

    /** HAMMER_MREC_TYPE_REC: a record changed in the stream's TID range, with its data. */
    record Rec(BTreeElement leaf, byte[] data) implements MirrorRecord {
    }

    /** HAMMER_MREC_TYPE_PASS: a record older than the range, sent without data so the target can delete the gaps. */
    record Pass(BTreeElement leaf) implements MirrorRecord {
    }

    /** HAMMER_MREC_TYPE_SKIP: a key range [beg, end) whose subtree has no change in the range. */
    record Skip(BTreeKey beg, BTreeKey end) implements MirrorRecord {
    }
}
