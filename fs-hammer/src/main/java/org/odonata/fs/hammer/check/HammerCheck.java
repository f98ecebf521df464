package org.odonata.fs.hammer.check;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.fifo.Recovery;
import org.odonata.fs.hammer.fifo.UndoFifo;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.ondisk.BlockmapEntry;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/**
 * hammer:check: verifies a mounted volume end to end and reports every problem found, never stopping at the
 * first. It walks the whole B-tree ({@link TreeCheck}), checks every record and the CRC of every record's data
 * ({@link RecordCheck}), compares the freemap with the space the tree, the freemap and the UNDO FIFO reach
 * ({@link FreemapCheck}), checks directories, inodes, extents and snapshots ({@link NamespaceCheck}), and scans
 * the UNDO/REDO span. It checks what the flusher has written: changes still in the front end's memory are
 * not on the volume yet (sync first to include them). Read-only; it never throws for a corrupt volume.
 * {@link #image} checks an unmounted device, even one that will not mount (as DragonFly's {@code hammer show} and
 * {@code checkmap} run on unmounted volumes). Cost: one read of every node and of every record's data, and
 * O(records) memory.
 */
public final class HammerCheck {

    private HammerCheck() {
    }

    /** Checks {@code fs}; the stable entry point for tools and the crash-enumeration harness. */
    public static CheckReport run(HammerFs fs) {
        return run(fs.volume(), fs.blockmap(), fs.btree(), fs.objects());
    }

    /**
     * Checks an unmounted volume on {@code device} without writing to it: the header (a header that fails its
     * checks is the one problem reported), recovery stage 1 applied in memory (if the UNDO span is corrupt, that
     * is reported and the volume is checked as it lies on disk), then everything {@link #run(HammerFs)} checks.
     */
    public static CheckReport image(BlockDevice device) {
        VolumeHeader header;
        try {
            header = Volume.readHeader(device);
        } catch (HammerCorruptionException e) {
            return new CheckReport(List.of(Problem.of(e)), 0, 0, 0, 0, 0);
        }
        List<Problem> recovery = new ArrayList<>();
        Volume vol = new Volume(device, header, true);
        try {
            Recovery.stage1(vol);
        } catch (HammerCorruptionException e) {
            recovery.add(Problem.of(e));
            vol = new Volume(device, header, true);
        }
        Blockmap blockmap = new Blockmap(vol);
        BTree tree = new BTree(vol, blockmap);
        CheckReport r = run(vol, blockmap, tree, new ObjectStore(vol, blockmap, tree));
        recovery.addAll(r.problems());
        return new CheckReport(recovery, r.nodes(), r.records(), r.dataBytes(), r.bigBlocks(), r.inodes());
    }

    /** Checks a volume's structures as given (mounted or not); never writes. */
    public static CheckReport run(Volume vol, Blockmap blockmap, BTree tree, ObjectStore objects) {
        ProblemLog log = new ProblemLog();
        ReachableSpace space = new ReachableSpace(log);
        addFixedStructures(vol, space);
        long root = vol.header().btreeRoot();
        NamespaceCheck namespace = new NamespaceCheck(log, root);
        RecordCheck records = new RecordCheck(vol, objects, space, namespace, log);
        long nodes = new TreeCheck(tree, records, space, log).run(root);
        namespace.finish();
        long bigBlocks = new FreemapCheck(vol, blockmap, space, log).run();
        try {
            UndoFifo.scan(vol);
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
