package org.odonata.fs.hammer.mirror;

import java.io.OutputStream;
import java.util.UUID;

import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.ObjectStore;

/**
 * hammer_ioc_mirror_read: a PFS's records changed in [tid_beg, tid_end] as a {@link MirrorStream}, found by the
 * mirror-filtered B-tree scan, so a subtree whose mirror_tid is below tid_beg costs one SKIP record and no reads
 * below it. In a scanned leaf a record created after tid_end is left out, one created before tid_beg goes as a PASS
 * (no data: the target only needs to know it still exists, to delete the gaps), any other as a REC with its data; a
 * delete_tid after tid_end is sent as 0 (the stream is a snapshot as of tid_end). Simplification: DragonFly's ioctl
 * fills a user buffer and returns key_cur to resume from; here one call writes the whole stream.
 */
public final class MirrorRead {

    /** What a read sent, and how many B-tree nodes it entered. */
    public record Report(long tidBeg, long tidEnd, long recs, long passes, long skips, long bytes, int nodesEntered) {
    }

    private MirrorRead() {
    }

    /** Writes PFS {@code pfs}'s stream for [tidBeg, tidEnd] to {@code out}; the caller has synced. */
    public static Report run(ObjectStore store, int pfs, UUID sharedUuid, long tidBeg, long tidEnd, OutputStream out) {
        int base = Localization.of(pfs);
        MirrorStream.Writer w = new MirrorStream.Writer(out, new MirrorStream.Header(sharedUuid, pfs, tidBeg, tidEnd));
        long[] counts = new long[3];
        int nodes = store.tree().mirrorScan(first(pfs), end(pfs), tidBeg, new BTree.MirrorVisitor() {
            @Override
            public boolean record(BTreeElement e) {
                if (Long.compareUnsigned(e.createTid(), tidEnd) > 0) {
                    return true;
                }
                BTreeElement rel = relative(e, base, Long.compareUnsigned(e.deleteTid(), tidEnd) > 0 ? 0 : e.deleteTid());
                if (Long.compareUnsigned(e.createTid(), tidBeg) < 0) {
                    w.pass(rel);
                    counts[1]++;
                } else {
                    w.rec(rel, e.dataLen() == 0 ? new byte[0] : store.readData(e));
                    counts[0]++;
                }
                return true;
            }

            @Override
            public void skip(BTreeKey beg, BTreeKey end) {
                w.skip(relative(beg, base), relative(end, base));
                counts[2]++;
            }
        });
        long bytes = w.sync();
        return new Report(tidBeg, tidEnd, counts[0], counts[1], counts[2], bytes, nodes);
    }

    /** The first key of a PFS's range. */
    static BTreeKey first(int pfs) {
        return new BTreeKey(Localization.of(pfs), Long.MIN_VALUE, 0, Long.MIN_VALUE, 1);
    }

    /** The end (exclusive) of a PFS's range: the next PFS's first key, or the end of the tree. */
    static BTreeKey end(int pfs) {
        return pfs + 1 < Localization.MAX_PFS ? first(pfs + 1) : BTreeKey.MAX;
    }

    private static BTreeKey relative(BTreeKey k, int base) {
        return new BTreeKey(k.localization() - base, k.objId(), k.recType(), k.key(), k.createTid());
    }

    private static BTreeElement relative(BTreeElement e, int base, long deleteTid) {
        return new BTreeElement(e.localization() - base, e.objId(), e.recType(), e.key(), e.createTid(), deleteTid,
                e.objType(), e.btype(), 0, 0, e.createTs(), deleteTid == 0 ? 0 : e.deleteTs(), 0, e.dataLen(),
                e.dataCrc());
    }
}
