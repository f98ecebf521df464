package org.odonata.fs.hammer.fifo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.fs.BareVolume;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.volume.Volume;

/**
 * Recovery stage 1 (hammer_recover.c, hammer_recover_stage1 and hammer_recover_undo): UNDO records are applied to
 * metadata and the volume header only, a read-only mount keeps what it restored in memory; stage 2 replays the REDO
 * WRITE and TRUNC records from the earliest REDO_SYNC's offset on (hammer_recover_stage2), across the FIFO's wrap.
 */
class RecoveryTest {

    private final BlockDevice dev = Devices.ram(16 * Devices.MB);
    private final BareVolume bare = BareVolume.format(dev, 64 * Devices.KB);
    private final Volume vol = bare.volume();
    private final long size = new UndoFifo(vol, 0, 0).size();
    private final int seq0 = vol.header().undoSeqFirst();

    private void span(long first, long next) {
        HeaderSpan.write(vol, first, next);
    }

    private static FifoRecord write(long fileOffset, int len) {
        return FifoRecord.redo(FifoRecord.REDO_WRITE, 5, fileOffset, new byte[len]);
    }

    private static FifoRecord sync(long fifoOffset) {
        return FifoRecord.redo(FifoRecord.REDO_SYNC, 0, fifoOffset, new byte[0]);
    }

    private static List<Long> targets(RecoveryReport r) {
        return r.redo().stream().map(FifoRecord::target).toList();
    }

    @Test
    void stageTwoStartsAtTheEarliestRedoSyncAndReplaysOnlyWritesAndTruncations() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        fifo.append(write(1000, 16));
        long truncAt = fifo.append(FifoRecord.redo(FifoRecord.REDO_TRUNC, 5, 2000, new byte[0]));
        long thirdAt = fifo.append(write(3000, 8));
        fifo.append(sync(truncAt));
        fifo.append(write(4000, 8));
        fifo.append(sync(thirdAt));
        fifo.append(FifoRecord.redo(FifoRecord.REDO_TERM_WRITE, 5, 5000, new byte[0]));
        fifo.write(true);
        span(0, fifo.next());
        RecoveryReport r = Recovery.stage1(vol);
        assertEquals(List.of(2000L, 3000L, 4000L), targets(r), "from the earliest SYNC's point, WRITE and TRUNC only");
        assertEquals(0, r.undoApplied());
    }

    @Test
    void withoutARedoSyncStageTwoStartsAtTheSpansStart() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        fifo.append(write(1000, 16));
        fifo.append(FifoRecord.undo(ZoneOffset.encode(ZoneOffset.RAW_VOLUME, 0, VolumeHeader.SIZE - 8),
                java.util.Arrays.copyOfRange(vol.headerImage(), VolumeHeader.SIZE - 8, VolumeHeader.SIZE)));
        fifo.append(write(2000, 16));
        fifo.write(true);
        span(0, fifo.next());
        RecoveryReport r = Recovery.stage1(vol);
        assertEquals(List.of(1000L, 2000L), targets(r));
        assertEquals(1, r.undoApplied(), "an UNDO of the header's last bytes is inside the header");
    }

    @Test
    void theSyncPointIsFoundAcrossTheFifosWrap() {
        long first = size - 1024;
        span(first, first);
        UndoFifo fifo = new UndoFifo(vol, first, seq0);
        fifo.append(write(1000, 400));
        long second = fifo.append(write(2000, 400));
        long third = fifo.append(write(3000, 400));
        fifo.append(sync(second));
        fifo.write(true);
        assertTrue(third < first, "the third record wrapped to the FIFO's start");
        span(first, fifo.next());
        assertEquals(List.of(2000L, 3000L), targets(Recovery.stage1(vol)));
    }

    @Test
    void aSyncPointAfterTheWrapExcludesEverythingBeforeIt() {
        long first = size - 1024;
        span(first, first);
        UndoFifo fifo = new UndoFifo(vol, first, seq0);
        fifo.append(write(1000, 400));
        fifo.append(write(2000, 400));
        long third = fifo.append(write(3000, 400));
        fifo.append(sync(third));
        fifo.write(true);
        span(first, fifo.next());
        assertEquals(List.of(3000L), targets(Recovery.stage1(vol)));
    }

    @Test
    void undoRecordsRestoreMetadataOnDiskOrOnlyInMemoryOnAReadOnlyMount() {
        long target = bare.tree().root().offset() + 100;
        byte[] old = vol.read(target, 8, "test");
        byte[] restored = "RESTORED".getBytes(StandardCharsets.US_ASCII);
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        fifo.append(FifoRecord.undo(target, restored));
        fifo.write(true);
        span(0, fifo.next());

        Volume ro = new Volume(dev, Volume.readHeader(dev), true);
        assertEquals(1, Recovery.stage1(ro).undoApplied());
        assertArrayEquals(restored, ro.read(target, 8, "test"), "the read-only mount sees the restored bytes");
        Volume again = new Volume(dev, Volume.readHeader(dev), false);
        assertArrayEquals(old, again.read(target, 8, "test"), "but the device was not written");

        assertEquals(1, Recovery.stage1(again).undoApplied());
        assertArrayEquals(restored, new Volume(dev, Volume.readHeader(dev), false).read(target, 8, "test"));
    }

    @Test
    void undoRecordsOutsideTheHeaderOrMetadataAreRefused() {
        assertRefused(ZoneOffset.encode(ZoneOffset.RAW_VOLUME, 0, VolumeHeader.SIZE - 7), "is outside the volume header");
        assertRefused(ZoneOffset.encode(ZoneOffset.RAW_VOLUME, 1, 0), "is outside the volume header");
        assertRefused(ZoneOffset.encode(ZoneOffset.LARGE_DATA, 0, 0), "is not in a metadata zone");
    }

    private void assertRefused(long target, String why) {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        fifo.append(FifoRecord.undo(target, new byte[8]));
        fifo.write(true);
        span(0, fifo.next());
        HammerCorruptionException e = assertThrows(HammerCorruptionException.class, () -> Recovery.stage1(vol));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
