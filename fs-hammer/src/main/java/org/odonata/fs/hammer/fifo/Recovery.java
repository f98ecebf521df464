package org.odonata.fs.hammer.fifo;

import java.util.ArrayList;
import java.util.List;

import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Mount-time recovery stage 1 (hammer_recover.c): scan the UNDO span, apply its UNDO records in reverse so
 * every metadata byte an incomplete flush group may have written gets its old value back, and pick the
 * REDO records stage 2 must replay. The work is proportional to the span, never to the volume: nothing
 * walks the B-tree. A read-write mount writes the restored bytes, flushes, then writes the restored header
 * with FUA (the header is patched in memory so that it is never on disk with a stale CRC); a read-only
 * mount keeps everything in the volume's overlay.
 * <p>
 * Stage 2 starts at the earliest REDO_SYNC in the span, which names the oldest REDO the flush groups being
 * undone had covered; without one, at the start of the span.
 */
public final class Recovery {

    private Recovery() {
    }

    public static RecoveryReport stage1(Volume vol) {
        UndoSpan span = UndoFifo.scan(vol);
        List<UndoSpan.Entry> records = span.records();
        byte[] header = vol.headerImage();
        int undone = 0;
        for (int i = records.size() - 1; i >= 0; i--) {
            FifoRecord r = records.get(i).record();
            if (r.type() != FifoRecord.UNDO) {
                continue;
            }
            long target = r.target();
            String what = "UNDO record";
            if (ZoneOffset.zone(target) == ZoneOffset.RAW_VOLUME) {
                long at = ZoneOffset.offset(target);
                if (ZoneOffset.volume(target) != 0 || at + r.payload().length > VolumeHeader.SIZE) {
                    throw new HammerCorruptionException(what, UndoFifo.zone3(records.get(i).offset()),
                            "target " + ZoneOffset.hex(target) + " is outside the volume header");
                }
                System.arraycopy(r.payload(), 0, header, (int) at, r.payload().length);
            } else if (ZoneOffset.zone(target) == ZoneOffset.BTREE || ZoneOffset.zone(target) == ZoneOffset.FREEMAP) {
                vol.patch(target, r.payload(), what + " target");
            } else {
                throw new HammerCorruptionException(what, UndoFifo.zone3(records.get(i).offset()),
                        "target " + ZoneOffset.hex(target) + " is not in a metadata zone");
            }
            undone++;
        }
        if (undone > 0) {
            if (!vol.readOnly()) {
                vol.flushDevice();
            }
            vol.replaceHeader(header);
        }
        return new RecoveryReport(span, undone, redoToReplay(span, vol.header().blockmap(ZoneOffset.UNDO).allocOffset()), 0);
    }

    private static List<FifoRecord> redoToReplay(UndoSpan span, long size) {
        long start = span.first();
        for (UndoSpan.Entry e : span.records()) {
            FifoRecord r = e.record();
            if (r.type() == FifoRecord.REDO && r.flags() == FifoRecord.REDO_SYNC) {
                start = r.target();
                break;
            }
        }
        long from = Math.floorMod(start - span.first(), size);
        List<FifoRecord> out = new ArrayList<>();
        for (UndoSpan.Entry e : span.records()) {
            FifoRecord r = e.record();
            boolean data = r.type() == FifoRecord.REDO
                    && (r.flags() == FifoRecord.REDO_WRITE || r.flags() == FifoRecord.REDO_TRUNC);
            if (data && Math.floorMod(e.offset() - span.first(), size) >= from) {
                out.add(r);
            }
        }
        return out;
    }
}
