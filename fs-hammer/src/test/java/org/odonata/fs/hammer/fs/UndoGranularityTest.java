package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeNode;
import org.odonata.fs.hammer.fifo.FifoRecord;
import org.odonata.fs.hammer.fifo.UndoFifo;
import org.odonata.fs.hammer.fifo.UndoSpan;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.volume.Volume;

/**
 * UNDO holds the byte ranges the B-tree operations declare, as hammer_modify_node and hammer_modify_node_all do:
 * deleting a record costs its 64-byte element and the node's CRC, an insert the whole node.
 */
class UndoGranularityTest {

    @Test
    void deletingARecordUndoesItsElementAndCrcWhileAnInsertUndoesItsWholeLeaf() {
        BlockDevice dev = Devices.ram(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 8), MountOptions.defaults().withObserver(cutter));
        fs.mkdir("/d");
        for (int i = 0; i < 200; i++) {
            fs.create("/d/f" + i);
        }
        fs.sync();
        long dir = fs.lookup("/d");
        BTreeElement[] entry = new BTreeElement[1];
        long[] leaf = new long[1];
        int[] index = new int[1];
        fs.btree().walk((n, depth, left, right) -> {
            for (int i = 0; n.isLeaf() && i < n.count(); i++) {
                BTreeElement e = n.element(i);
                if (e.recType() == RecordType.DIRENTRY && e.objId() == dir && e.live()
                        && fs.objects().entry(e).name().equals("f77")) {
                    entry[0] = e;
                    leaf[0] = n.offset();
                    index[0] = i;
                }
            }
        });
        fs.unlink("/d/f77");
        cutter.arm(FlushPhase.HEADER_WRITTEN, 1);
        assertThrows(Cutter.PowerCut.class, fs::sync);

        HammerFs crashed = HammerFs.mount(dev, MountOptions.defaults().asReadOnly());
        List<FifoRecord> undo = crashed.recoveryReport().span().records().stream().map(UndoSpan.Entry::record)
                .filter(r -> r.type() == FifoRecord.UNDO).toList();
        long element = leaf[0] + BTreeNode.elementAt(index[0]);
        assertEquals(BTreeElement.SIZE, covered(undo, element, element + BTreeElement.SIZE),
                "the deleted entry's element, 64 bytes (a record may be split at a 512-byte boundary): "
                + describe(undo));
        assertEquals(4, covered(undo, leaf[0], leaf[0] + 16), "and only its leaf's CRC of the header: " + describe(undo));
        long total = undo.stream().mapToLong(r -> r.payload().length).sum();
        // the directory's new INODE record goes into a leaf (a whole node), the rest are fields
        assertTrue(total < 2 * Volume.BLOCK + 1024, total + " UNDO bytes: " + describe(undo));
        assertTrue(total >= Volume.BLOCK, "an insert undoes its whole leaf: " + total);
        long fifoBytes = crashed.recoveryReport().span().records().stream().mapToLong(e -> e.record().size()).sum();
        assertTrue(fifoBytes < 3 * Volume.BLOCK, fifoBytes + " FIFO bytes; whole-block UNDO took about 4.6 KB a block");
        assertEquals(0, UndoFifo.bytesFor(FifoRecord.undo(0, new byte[0])) % FifoRecord.ALIGN);
    }

    /** Bytes of [from, to) that UNDO records restore. */
    private static long covered(List<FifoRecord> undo, long from, long to) {
        long n = 0;
        for (long b = from; b < to; b++) {
            long at = b;
            n += undo.stream().anyMatch(r -> r.target() <= at && at < r.target() + r.payload().length) ? 1 : 0;
        }
        return n;
    }

    private static String describe(List<FifoRecord> undo) {
        StringBuilder out = new StringBuilder();
        for (FifoRecord r : undo) {
            out.append(String.format("%n  %s +%d", ZoneOffset.hex(r.target()), r.payload().length));
        }
        return out.toString();
    }
}
