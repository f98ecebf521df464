package org.odonata.fs.hammer.check;

import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.ondisk.BlockmapEntry;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * hammer:check: verifies a mounted volume end to end and reports every problem found, never stopping at the
 * first. It walks the whole B-tree ({@link TreeCheck}), checks every record and the CRC of every record's data
 * ({@link RecordCheck}), compares the freemap with the space the tree, the freemap and the UNDO FIFO reach
 * ({@link FreemapCheck}), checks directories, inodes, extents and snapshots ({@link NamespaceCheck}), and scans
 * the UNDO/REDO span. It checks what the flusher has written: changes still in the front end's memory are
 * not on the volume yet (sync first to include them). Read-only; it never throws for a corrupt volume.
 * Cost: one read of every node and of every record's data, and O(records) memory.
 */
public final class HammerCheck {

    private HammerCheck() {
    }

    /** Checks {@code fs}; the stable entry point for tools and the crash-enumeration harness. */
    public static CheckReport run(HammerFs fs) {
        Volume vol = fs.volume();
        ProblemLog log = new ProblemLog();
        ReachableSpace space = new ReachableSpace(log);
        addFixedStructures(vol, space);
        long root = vol.header().btreeRoot();
        NamespaceCheck namespace = new NamespaceCheck(log, root);
        RecordCheck records = new RecordCheck(vol, fs.objects(), space, namespace, log);
        long nodes = new TreeCheck(fs.btree(), records, space, log).run(root);
        namespace.finish();
        long bigBlocks = new FreemapCheck(vol, fs.blockmap(), space, log).run();
        try {
            fs.undoSpan();
        } catch (HammerCorruptionException e) {
            log.add(e);
        }
        return new CheckReport(log.problems(), nodes, records.records(), records.dataBytes(), bigBlocks,
                namespace.liveInodes());
    }

    /** The freemap (one extent per big-block it spans) and the UNDO FIFO's big-blocks, reached from the header. */
    private static void addFixedStructures(Volume vol, ReachableSpace space) {
        var h = vol.header();
        long bb = vol.bigBlockSize();
        long freemap = ZoneOffset.offset(h.blockmap(ZoneOffset.FREEMAP).physOffset());
        long freemapEnd = freemap + Blockmap.freemapBytes(vol.bigBlocks());
        for (long at = freemap; at < freemapEnd; at = (at / bb + 1) * bb) {
            space.add(ZoneOffset.encode(ZoneOffset.RAW_BUFFER, 0, at), Math.min(freemapEnd, (at / bb + 1) * bb) - at,
                    ZoneOffset.FREEMAP, "freemap", ZoneOffset.encode(ZoneOffset.RAW_VOLUME, 0, 80 + ZoneOffset.FREEMAP * BlockmapEntry.SIZE));
        }
        long undoBigBlocks = h.blockmap(ZoneOffset.UNDO).allocOffset() / vol.bigBlockSize();
        for (int i = 0; i < undoBigBlocks; i++) {
            space.add(h.undoArray(i), vol.bigBlockSize(), ZoneOffset.UNDO, "UNDO FIFO big-block",
                    ZoneOffset.encode(ZoneOffset.RAW_VOLUME, 0, 736 + 8L * i));
        }
    }
}
