package org.odonata.fs.hammer.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.alloc.Blockmap;
import org.odonata.fs.hammer.fifo.FifoRecord;
import org.odonata.fs.hammer.fifo.Recovery;
import org.odonata.fs.hammer.fifo.UndoFifo;
import org.odonata.fs.hammer.fs.BareVolume;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.TreeChecker;
import org.odonata.fs.hammer.volume.MetaBlock;
import org.odonata.fs.hammer.volume.UndoImage;
import org.odonata.fs.hammer.volume.Volume;

/**
 * A B-tree on a bare volume whose changes are laid down as one flush group the way Flusher.finalizeGroup does it
 * (hammer_flusher_finalize: UNDO of every declared range, header with the new UNDO span, then the metadata), after
 * which the power is cut. What the test checks is the one thing journaling is for: the disk as written shows
 * exactly the group's result, and recovery (hammer_recover_stage1) gives back exactly the tree before the group.
 * A change made without declaring it (hammer_modify_node*) is either not written at all or not undone.
 */
final class CutGroup {

    private final BlockDevice dev = Devices.ram(64 * Devices.MB);
    private final BareVolume bare = BareVolume.format(dev, 64 * Devices.KB);
    private List<String> before;

    BTree tree() {
        return bare.tree();
    }

    Volume volume() {
        return bare.volume();
    }

    /** Writes everything changed so far as a committed group (no UNDO needed) and remembers the tree. */
    void commit() {
        Volume vol = bare.volume();
        writeMetadata(vol);
        vol.takeHeaderUndo();
        vol.writeHeader(true);
        before = dump(bare.tree());
    }

    /**
     * Lays the changes since {@link #commit} down as one flush group and cuts the power after its metadata write:
     * asserts that the disk without recovery holds the tree as changed, and that recovery restores the committed
     * tree. Returns the recovered tree.
     */
    BTree cutAndRecover() {
        Volume vol = bare.volume();
        List<String> after = dump(bare.tree());
        TreeChecker.check(bare.tree());
        var undoBm = vol.header().blockmap(ZoneOffset.UNDO);
        long start = ZoneOffset.offset(undoBm.nextOffset());
        int startSeq = vol.header().undoSeqFirst();
        UndoFifo fifo = new UndoFifo(vol, start, startSeq);
        List<UndoImage> images = new ArrayList<>(vol.headerUndoImages());
        images.addAll(vol.meta().undoImages());
        for (UndoImage img : images) {
            fifo.append(FifoRecord.undo(img.zoneOffset(), img.oldBytes()));
        }
        fifo.write(false);
        vol.flushDevice();
        vol.takeHeaderUndo();
        VolumeHeader h = vol.header();
        h.setBlockmap(ZoneOffset.UNDO, h.blockmap(ZoneOffset.UNDO).withFirstNext(
                ZoneOffset.encode(ZoneOffset.UNDO, 0, start), ZoneOffset.encode(ZoneOffset.UNDO, 0, fifo.next())));
        h.setUndoSeqFirst(startSeq);
        vol.writeHeader(true);
        writeMetadata(vol);
        dev.powerCut();

        BTree asWritten = reopen();
        assertEquals(after, dump(asWritten), "the disk holds every change of the group (each node was declared)");
        Volume recovered = new Volume(dev, Volume.readHeader(dev), false);
        Recovery.stage1(recovered);
        BTree back = new BTree(recovered, new Blockmap(recovered));
        assertEquals(before, dump(back), "recovery restores the tree the group started from");
        TreeChecker.check(back);
        return back;
    }

    private BTree reopen() {
        Volume v = new Volume(dev, Volume.readHeader(dev), true);
        return new BTree(v, new Blockmap(v));
    }

    private static void writeMetadata(Volume vol) {
        byte[] image = new byte[Volume.BLOCK];
        for (MetaBlock b : vol.meta().dirtyBlocks()) {
            b.serialize(image);
            vol.write(b.offset(), image.clone(), false);
        }
        vol.meta().cleaned();
    }

    /** Every node reachable from the root, with all it holds (its elements are records: every field shows). */
    static List<String> dump(BTree tree) {
        List<String> out = new ArrayList<>();
        tree.walk((node, depth, left, right) -> {
            StringBuilder s = new StringBuilder().append(ZoneOffset.hex(node.offset())).append(' ').append((char) node.type())
                    .append(" parent ").append(ZoneOffset.hex(node.parent())).append(" mirror ").append(node.mirrorTid());
            int n = node.isLeaf() ? node.count() : node.count() + 1;
            for (int i = 0; i < n; i++) {
                s.append("\n  ").append(node.element(i));
            }
            out.add(s.toString());
        });
        return out;
    }
}
