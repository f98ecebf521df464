package org.odonata.fs.hammer.fifo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.fs.BareVolume;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.volume.Volume;

/** The version 4+ FIFO layout (hammer_generate_undo): records never cross 512 bytes, PADs fill the gaps. */
class UndoFifoTest {

    private final BlockDevice dev = Devices.ram(16 * Devices.MB);
    private final Volume vol = BareVolume.format(dev, 64 * Devices.KB).volume();

    /** Appends records, writes them and points the header's span at them, as a flush group's header write does. */
    private UndoFifo appendAndRecord(FifoRecord... records) {
        UndoFifo fifo = new UndoFifo(vol, 0, vol.header().undoSeqFirst());
        for (FifoRecord r : records) {
            fifo.append(r);
        }
        fifo.write(true);
        var h = vol.header();
        h.setBlockmap(ZoneOffset.UNDO, h.blockmap(ZoneOffset.UNDO).withFirstNext(ZoneOffset.encode(ZoneOffset.UNDO, 0, 0),
                ZoneOffset.encode(ZoneOffset.UNDO, 0, fifo.next())));
        vol.writeHeader(true);
        return fifo;
    }

    @Test
    void aWholeBlockOfUndoIsSplitAt512ByteBoundariesAndScansBackWhole() {
        byte[] old = new byte[Volume.BLOCK];
        new Random(1).nextBytes(old);
        long target = ZoneOffset.encode(ZoneOffset.BTREE, 0, 0x40000);
        UndoFifo fifo = appendAndRecord(FifoRecord.undo(0x123, new byte[100]), FifoRecord.undo(target, old));
        assertEquals(fifo.next(), new UndoFifo(vol, 0, vol.header().undoSeqFirst()).bytesToAppend(
                List.of(FifoRecord.undo(0x123, new byte[100]), FifoRecord.undo(target, old))), "the exact size is known");

        UndoSpan span = UndoFifo.scan(vol);
        List<UndoSpan.Entry> records = span.records();
        assertEquals(10, records.size(), "100 bytes, then 4096 bytes in pieces of at most 472");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        long expectTarget = target;
        for (int i = 0; i < records.size(); i++) {
            UndoSpan.Entry e = records.get(i);
            FifoRecord r = e.record();
            assertTrue(e.offset() % 512 + r.size() <= 512, "record " + i + " stays inside its 512-byte block");
            assertEquals(0, e.offset() % FifoRecord.HEAD_ALIGN);
            assertEquals(vol.header().undoSeqFirst() + i, r.seq(), "consecutive sequence numbers");
            if (i > 0) {
                assertEquals(expectTarget, r.target(), "each piece restores the bytes that follow the last");
                expectTarget += r.payload().length;
                whole.writeBytes(r.payload());
            }
        }
        assertArrayEquals(old, whole.toByteArray());
        assertEquals(fifo.next(), span.end());
    }

    @Test
    void aDamagedPadOrRecordWhereRecoveryReadsIsRefusedButZerosEndTheSpanCleanly() {
        UndoFifo fifo = appendAndRecord(FifoRecord.undo(0x40, new byte[300]), FifoRecord.undo(0x80, new byte[50]));
        assertEquals(2, UndoFifo.scan(vol).records().size(), "the zeros past the last block end the span");
        long second = UndoFifo.scan(vol).records().get(1).offset();
        // The dummy PAD after the last record: flipping its size misaligns the scan in mid-block.
        long pad = fifo.next();
        corrupt(pad + 4, (byte) 0x10);
        HammerCorruptionException e = assertThrows(HammerCorruptionException.class, () -> UndoFifo.scan(vol));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        corrupt(pad + 4, (byte) 0x10);
        corrupt(second + 40, (byte) 0x01);
        e = assertThrows(HammerCorruptionException.class, () -> UndoFifo.scan(vol));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }

    private void corrupt(long fifoOffset, byte mask) {
        long at = vol.deviceOffset(ZoneOffset.encode(ZoneOffset.UNDO, 0, fifoOffset), 1, "test");
        ByteBuffer b = ByteBuffer.allocate(Volume.BLOCK);
        dev.read(at & -Volume.BLOCK, b);
        b.put((int) (at % Volume.BLOCK), (byte) (b.get((int) (at % Volume.BLOCK)) ^ mask));
        dev.write(at & -Volume.BLOCK, b.flip(), true);
    }
}
