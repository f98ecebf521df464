package org.odonata.fs.hammer.mirror;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeKey;
import org.odonata.fs.hammer.flush.Flusher;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.volume.Volume;

/**
 * hammer_ioc_mirror_write: applies a checked {@link MirrorStream} to a slave PFS. Walking the stream in key order
 * with a tracking position, it marks deleted (at tid_end) every live slave record in the gaps between the stream's
 * records that was created before tid_end (hammer_mirror_delete_to), steps over SKIP ranges
 * (hammer_ioc_mirror_write_skip), gives an existing record the stream's delete_tid (hammer_mirror_check,
 * hammer_mirror_update) and creates a missing one of a REC created at or after tid_beg
 * (hammer_ioc_mirror_write_rec), its data relocalized to the slave (hammer_mirror_localize_data). The changes are
 * planned first and applied in maintenance groups ({@link Flusher#maintenanceRun}); all of
 * them carry TIDs after the slave's sync_end_tid, so the slave as viewed at sync_end_tid does not change until the
 * caller advances sync_end_tid, after the last group is committed. Applying a stream twice changes nothing more.
 */
public final class MirrorWrite {

    /** What a write changed. */
    public record Report(long created, long deleteTidsSet, long gapsDeleted, int groups) {
    }

    private sealed interface Change {
    }

    private record Create(BTreeElement leaf, byte[] data) implements Change {
    }

    private record Delete(BTreeKey key, long tid, int ts) implements Change {
    }

    private final Volume vol;
    private final ObjectStore store;
    private final Flusher flusher;

    public MirrorWrite(Volume vol, ObjectStore store, Flusher flusher) {
        this.vol = vol;
        this.store = store;
        this.flusher = flusher;
    }

    /** Applies {@code s} to slave PFS {@code pfs}; {@code ts} is the time gap deletions record. The caller synced. */
    public Report run(int pfs, MirrorStream.Parsed s, int ts) {
        long tidBeg = s.header().tidBeg();
        long tidEnd = s.header().tidEnd();
        int base = Localization.of(pfs);
        BTree tree = store.tree();
        List<Change> plan = new ArrayList<>();
        long[] counts = new long[3];
        BTreeKey pos = MirrorRead.first(pfs);
        boolean posDone = false;
        for (MirrorRecord r : s.records()) {
            switch (r) {
                case MirrorRecord.Skip k -> {
                    deleteTo(pos, posDone, absolute(k.beg(), base, pfs), tidEnd, ts, plan, counts);
                    pos = absolute(k.end(), base, pfs);
                    posDone = false;
                }
                case MirrorRecord.Rec rec -> {
                    BTreeKey key = step(pos, posDone, rec.leaf(), base, pfs, tidEnd, ts, plan, counts);
                    if (tree.lookup(key) == null && Long.compareUnsigned(rec.leaf().createTid(), tidBeg) >= 0) {
                        plan.add(new Create(rec.leaf(), localize(rec.leaf(), rec.data(), pfs)));
                        counts[0]++;
                    }
                    pos = key;
                    posDone = true;
                }
                case MirrorRecord.Pass pass -> {
                    pos = step(pos, posDone, pass.leaf(), base, pfs, tidEnd, ts, plan, counts);
                    posDone = true;
                }
            }
        }
        deleteTo(pos, posDone, MirrorRead.end(pfs), tidEnd, ts, plan, counts);
        int groups = apply(plan, base, pfs);
        return new Report(counts[0], counts[1], counts[2], groups);
    }

    /** Gap deletions up to a REC or PASS, then its delete_tid if the slave's differs (hammer_mirror_check). */
    private BTreeKey step(BTreeKey pos, boolean posDone, BTreeElement leaf, int base, int pfs, long tidEnd, int ts,
            List<Change> plan, long[] counts) {
        BTreeKey key = absolute(leaf.toKey(), base, pfs);
        deleteTo(pos, posDone, key, tidEnd, ts, plan, counts);
        BTreeElement have = store.tree().lookup(key);
        if (have != null && leaf.deleteTid() != 0 && have.deleteTid() != leaf.deleteTid()) {
            plan.add(new Delete(key, leaf.deleteTid(), leaf.deleteTs()));
            counts[1]++;
        }
        return key;
    }

    /**
     * hammer_mirror_delete_to: every live record in [pos, end) ((pos, end) once pos itself was handled) created
     * before tid_end is gone from the master (pruned, or a no-history delete): it is deleted at tid_end.
     */
    private void deleteTo(BTreeKey pos, boolean posDone, BTreeKey end, long tidEnd, int ts, List<Change> plan,
            long[] counts) {
        if (pos.compareTo(end) >= 0) {
            return;
        }
        for (BTreeElement e : store.tree().range(pos, end, BTree.AS_OF_NOW)) {
            if ((!posDone || e.toKey().compareTo(pos) != 0) && Long.compareUnsigned(e.createTid(), tidEnd) < 0) {
                plan.add(new Delete(e.toKey(), tidEnd, ts));
                counts[2]++;
            }
        }
    }

    private int apply(List<Change> plan, int base, int pfs) {
        return flusher.maintenanceRun(plan, change -> {
            switch (change) {
                case Create c -> create(c, base, pfs);
                case Delete d -> {
                    if (!store.tree().markDeleted(d.key(), d.tid(), d.ts())) {
                        throw new IllegalStateException("record " + d.key() + " vanished during mirror-write");
                    }
                    bumpNextTid(d.tid());
                }
            }
        });
    }

    private void create(Create c, int base, int pfs) {
        BTreeElement l = c.leaf();
        store.insertMirrored(absolute(l.toKey(), base, pfs), l.objType(), l.createTs(), l.deleteTid(), l.deleteTs(),
                c.data());
        bumpNextTid(Math.max(l.createTid(), l.deleteTid()));
    }

    /**
     * vol0_next_tid must stay above every TID stored (hammer_mirror_write): a master on another volume may be ahead.
     * Written without UNDO, with the next header write, as DragonFly does.
     */
    private void bumpNextTid(long tid) {
        if (Long.compareUnsigned(vol.header().nextTid(), tid) <= 0) {
            vol.header().setNextTid(tid + 1);
        }
    }

    private static BTreeKey absolute(BTreeKey k, int base, int pfs) {
        if (k.localization() == MirrorStream.PFS_END) {
            return MirrorRead.end(pfs);
        }
        return new BTreeKey(k.localization() + base, k.objId(), k.recType(), k.key(), k.createTid());
    }

    /**
     * hammer_mirror_localize_data: a directory entry's target localization, and (in this model) an inode's parent
     * inode number, name the slave's PFS instead of the master's; the data CRC is recomputed by the insert.
     */
    private static byte[] localize(BTreeElement leaf, byte[] data, int pfs) {
        byte[] out = data.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (leaf.recType() == RecordType.DIRENTRY && out.length >= 12) {
            b.putInt(8, (b.getInt(8) & 0xFFFF) | Localization.of(pfs));
        } else if (leaf.recType() == RecordType.INODE && out.length >= 32 && b.getLong(24) < 0) {
            b.putLong(24, Localization.ino(pfs, Localization.objId(b.getLong(24))));
        }
        return out;
    }
}
