package org.odonata.fs.hammer.shell;

import java.util.Locale;

import org.odonata.fs.hammer.fifo.UndoSpan;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.ondisk.BlockmapEntry;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;

/** hammer:info's text: header fields, TIDs, per-zone big-block usage and the UNDO span. One pass over layer 2. */
final class VolumeInfo {

    private static final String[] ZONE_NAMES = new String[ZoneOffset.ZONES];

    static {
        ZONE_NAMES[ZoneOffset.UNDO] = "undo";
        ZONE_NAMES[ZoneOffset.FREEMAP] = "freemap";
        ZONE_NAMES[ZoneOffset.BTREE] = "btree";
        ZONE_NAMES[ZoneOffset.META] = "meta";
        ZONE_NAMES[ZoneOffset.LARGE_DATA] = "large-data";
        ZONE_NAMES[ZoneOffset.SMALL_DATA] = "small-data";
    }

    private VolumeInfo() {
    }

    static String render(MountedVolume m) {
        HammerFs fs = m.fs();
        VolumeHeader h = fs.volume().header();
        long bb = h.bigBlockSize();
        long[] blocks = new long[ZoneOffset.ZONES];
        long[] used = new long[ZoneOffset.ZONES];
        fs.blockmap().forEachBigBlock(b -> {
            blocks[b.layer2().zone()]++;
            used[b.layer2().zone()] += bb - b.layer2().bytesFree();
        });
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "image          %s (%s)%n", m.file(), fs.readOnly() ? "read-only" : "read-write"));
        out.append(String.format(Locale.ROOT, "version        HAMMER01 v%d, volume %d of %d%n", h.version(),
                h.volNo(), h.volCount()));
        out.append(String.format(Locale.ROOT, "size           %s, big-blocks of %s: %d total, %d free%n",
                ByteSize.format(h.volSize()), ByteSize.format(bb), h.statBigBlocks(), h.statFreeBigBlocks()));
        out.append(String.format(Locale.ROOT, "btree root     %s, height %d%n", ZoneOffset.hex(h.btreeRoot()),
                fs.btree().height()));
        out.append(String.format(Locale.ROOT, "next TID       %s (last flush group %s)%n", ZoneOffset.hex(h.nextTid()),
                ZoneOffset.hex(fs.lastTid())));
        out.append("zones          big-blocks  bytes in use\n");
        for (int z = 0; z < ZoneOffset.ZONES; z++) {
            if (ZONE_NAMES[z] != null) {
                out.append(String.format(Locale.ROOT, "  %-12s %10d  %,d%n", ZONE_NAMES[z], blocks[z], used[z]));
            }
        }
        BlockmapEntry undo = h.blockmap(ZoneOffset.UNDO);
        UndoSpan span = fs.undoSpan();
        out.append(String.format(Locale.ROOT, "UNDO FIFO      %s, first %s, next %s, span %d records",
                ByteSize.format(undo.allocOffset()), ZoneOffset.hex(undo.firstOffset()),
                ZoneOffset.hex(undo.nextOffset()), span.records().size()));
        return out.toString();
    }
}
