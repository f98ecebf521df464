package org.odonata.fs.hammer.fifo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.fs.BareVolume;
import org.odonata.fs.hammer.ondisk.Crc32c;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.volume.Volume;

/**
 * The UNDO FIFO as a ring (hammer_undo.c): it wraps at its end, refuses (ENOSPC) an append that would reach the
 * span recovery still needs (hammer_undo_space), keeps records appended by separate flushes into one block, and
 * a recovery scan (hammer_recover.c, hammer_check_tail_signature / hammer_check_head_signature) follows sequence
 * numbers across the wrap and refuses records that are well-formed by CRC but malformed inside.
 */
class UndoFifoRingTest {

    private static final long TARGET = ZoneOffset.encode(ZoneOffset.BTREE, 0, 0x40000);

    private final BlockDevice dev = Devices.ram(16 * Devices.MB);
    private final Volume vol = BareVolume.format(dev, 64 * Devices.KB).volume();
    private final int seq0 = vol.header().undoSeqFirst();

    /** Points the header's span at [first, next), as a flush group's header write does. */
    private void span(long first, long next) {
        HeaderSpan.write(vol, first, next);
    }

    /** An UNDO record that fills one 512-byte block exactly: 16 head + 16 body + 472 payload + 8 tail. */
    private static FifoRecord wholeBlock(int fill) {
        byte[] b = new byte[472];
        java.util.Arrays.fill(b, (byte) fill);
        return FifoRecord.undo(TARGET + fill * 472L, b);
    }

    @Test
    void appendsStopWithEnospcOneBigBlockShortOfTheSpanRecoveryNeeds() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        long size = fifo.size();
        assertEquals(512, wholeBlock(0).size());
        assertEquals(1024, UndoFifo.bytesFor(wholeBlock(0)), "a piece and a PAD's worth of room");
        long expected = (size - vol.bigBlockSize() - 1024) / 512;
        int appended = 0;
        for (;;) {
            long next = fifo.next();
            int seq = fifo.nextSeq();
            try {
                fifo.append(wholeBlock(appended & 0x7F));
            } catch (HammerException e) {
                assertEquals(Errno.ENOSPC, e.errno());
                assertEquals(next, fifo.next(), "a refused append appends nothing");
                assertEquals(seq, fifo.nextSeq());
                break;
            }
            appended++;
            assertEquals(size - vol.bigBlockSize() - 512 - 512L * appended, fifo.free());
        }
        assertEquals(expected, appended, "every append that fits is taken, down to the last 1024 bytes");
        assertEquals(512, fifo.free());
        fifo.write(true);
        span(0, fifo.next());
        UndoSpan s = UndoFifo.scan(vol);
        assertEquals(appended, s.records().size());
        assertEquals(seq0 + appended, s.endSeq());
        assertEquals(appended * 512L, s.end());
    }

    @Test
    void theFifoWrapsAtItsEndAndTheScanFollowsTheSequenceAcrossTheWrap() {
        long size = new UndoFifo(vol, 0, seq0).size();
        long start = size - 3 * 512 + 64;
        span(start, start);
        UndoFifo fifo = new UndoFifo(vol, start, seq0);
        assertEquals(size - vol.bigBlockSize() - 512, fifo.free(), "an empty span leaves all but a big-block");
        byte[] old = new byte[Volume.BLOCK];
        new Random(3).nextBytes(old);
        fifo.append(FifoRecord.undo(0x123, new byte[100]));
        fifo.append(FifoRecord.undo(TARGET, old));
        fifo.write(true);
        assertTrue(fifo.next() < start, "the FIFO wrapped to its start");
        assertEquals(size - ((size - start) + fifo.next()) - vol.bigBlockSize() - 512, fifo.free(),
                "the span counts from its first offset across the wrap");
        span(start, fifo.next());

        UndoSpan s = UndoFifo.scan(vol);
        List<UndoSpan.Entry> records = s.records();
        assertEquals(start, records.get(0).offset());
        assertEquals(100, records.get(0).record().payload().length);
        byte[] whole = new byte[0];
        boolean wrapped = false;
        for (int i = 1; i < records.size(); i++) {
            FifoRecord r = records.get(i).record();
            assertEquals(seq0 + i, r.seq());
            assertEquals(TARGET + whole.length, r.target());
            whole = concat(whole, r.payload());
            wrapped |= records.get(i).offset() < start;
            assertTrue(records.get(i).offset() + r.size() <= size, "no record crosses the FIFO's end");
        }
        assertTrue(wrapped);
        assertArrayEquals(old, whole);
        assertEquals(fifo.next(), s.end());
    }

    @Test
    void recordsAppendedBySeparateWritesIntoOneBlockAllSurvive() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] p = new byte[40 + 8 * i];
            java.util.Arrays.fill(p, (byte) (i + 1));
            payloads.add(p);
            fifo.append(FifoRecord.undo(TARGET + i, p));
            fifo.write(i % 2 == 0);
        }
        // a later mount appends after what the header records, reading the partly filled block once
        UndoFifo remounted = new UndoFifo(vol, fifo.next(), fifo.nextSeq());
        for (int i = 0; i < 2; i++) {
            byte[] p = new byte[64];
            java.util.Arrays.fill(p, (byte) (10 + i));
            payloads.add(p);
            remounted.append(FifoRecord.undo(TARGET + 9 + i, p));
            remounted.write(true);
        }
        assertTrue(remounted.next() < Volume.BLOCK, "all in one 4 KB block");
        span(0, remounted.next());
        List<UndoSpan.Entry> records = UndoFifo.scan(vol).records();
        assertEquals(payloads.size(), records.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), records.get(i).record().payload(), "record " + i);
        }
    }

    @Test
    void aFailedGroupsRecordsAreForgottenAndTheirSequenceNumbersReused() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        fifo.append(FifoRecord.undo(TARGET, new byte[64]));
        fifo.write(true);
        long at = fifo.next();
        int seq = fifo.nextSeq();
        fifo.append(FifoRecord.undo(TARGET + 1, new byte[3000]));
        fifo.rewind(at, seq);
        assertEquals(at, fifo.next());
        fifo.append(FifoRecord.undo(TARGET + 2, new byte[8]));
        fifo.write(true);
        span(0, fifo.next());
        List<UndoSpan.Entry> records = UndoFifo.scan(vol).records();
        assertEquals(2, records.size(), "the rewound records never reach the disk");
        assertEquals(TARGET + 2, records.get(1).record().target());
        assertEquals(seq0 + 1, records.get(1).record().seq());
    }

    /**
     * A REDO TRUNC or SYNC has no payload (HammerFs's fsync of a truncation, the flusher's sync point). When the
     * 512-byte block has too little room left for its head, body and tail, a PAD fills the block and the record
     * goes into the next one; it is never dropped, and bytesToAppend counts it.
     */
    @Test
    void aRecordWithoutPayloadAfterANearlyFullBlockGoesIntoTheNextBlock() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        fifo.append(FifoRecord.undo(TARGET, new byte[424]));
        assertEquals(464, fifo.next(), "48 bytes left: less than a REDO head, body and tail");
        FifoRecord trunc = FifoRecord.redo(FifoRecord.REDO_TRUNC, 9, 12_345, new byte[0]);
        FifoRecord sync = FifoRecord.redo(FifoRecord.REDO_SYNC, 0, 464, new byte[0]);
        long expected = fifo.bytesToAppend(List.of(trunc, sync));
        assertEquals(48 + 64 + 64, expected, "a PAD, then the two 64-byte records");
        assertEquals(512, fifo.append(trunc), "the TRUNC starts the next 512-byte block");
        fifo.append(sync);
        assertEquals(464 + expected, fifo.next());
        fifo.write(true);
        span(0, fifo.next());
        List<UndoSpan.Entry> records = UndoFifo.scan(vol).records();
        assertEquals(3, records.size());
        assertEquals(12_345, records.get(1).record().target());
        assertEquals(FifoRecord.REDO_SYNC, records.get(2).record().flags());
        assertEquals(seq0 + 2, records.get(2).record().seq());
    }

    /** An 8-byte gap at a block's end holds the smallest PAD, whose head and tail overlap; the scan steps over it. */
    @Test
    void theSmallestPadFillsAnEightByteGapAndIsSteppedOver() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        fifo.append(FifoRecord.undo(TARGET, new byte[464]));
        assertEquals(504, fifo.next());
        fifo.append(FifoRecord.undo(TARGET + 464, new byte[16]));
        fifo.write(true);
        span(0, fifo.next());
        List<UndoSpan.Entry> records = UndoFifo.scan(vol).records();
        assertEquals(2, records.size());
        assertEquals(512, records.get(1).offset());
    }

    /**
     * The estimate flush groups are sized by (hammer_undo_space's budget) stays close to what appending really
     * takes and never below it, for whole-block images (hammer_modify_node_all) and for many element-sized ranges.
     */
    @Test
    void theUndoEstimateIsCloseToTheExactSize() {
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        long whole = fifo.bytesToAppend(List.of(FifoRecord.undo(TARGET, new byte[Volume.BLOCK])));
        long estimate = UndoFifo.estimate(Volume.BLOCK, 1);
        assertTrue(whole <= estimate && estimate <= whole * 115 / 100, estimate + " for " + whole);
        List<FifoRecord> small = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            small.add(FifoRecord.undo(TARGET + 128 * i, new byte[64]));
        }
        long exact = fifo.bytesToAppend(small);
        long est = UndoFifo.estimate(6400, 100);
        assertTrue(exact <= est && est <= exact * 125 / 100, est + " for " + exact);
        long both = fifo.bytesToAppend(List.of(FifoRecord.undo(TARGET, new byte[3 * Volume.BLOCK])));
        long est3 = UndoFifo.estimate(3 * Volume.BLOCK, 1);
        assertTrue(both <= est3 && est3 <= both * 115 / 100, est3 + " for " + both);
    }

    /**
     * append returns where a record's first piece starts: the flusher's REDO_SYNC names that offset as the point
     * stage 2 replays from, so it must be the first piece's also when the record starts at the FIFO's offset 0.
     */
    @Test
    void appendReturnsTheOffsetOfARecordsFirstPieceAlsoAtTheFifosStart() {
        span(0, 0);
        UndoFifo fifo = new UndoFifo(vol, 0, seq0);
        assertEquals(0, fifo.append(FifoRecord.redo(FifoRecord.REDO_WRITE, 5, 0, new byte[2000])));
        long second = fifo.next();
        assertEquals(second, fifo.append(FifoRecord.redo(FifoRecord.REDO_WRITE, 5, 2000, new byte[2000])));
    }

    // ---- malformed records whose CRC is right ----

    /** Writes {@code record} (re-sealed with a correct CRC unless it is a PAD) at FIFO offset {@code at}. */
    private void put(long at, byte[] record, boolean seal) {
        if (seal) {
            ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(12, Crc32c.of(record, 0, 12, 16, record.length - 16));
        }
        long block = at & -Volume.BLOCK;
        byte[] buf = vol.read(UndoFifo.zone3(block), Volume.BLOCK, "test");
        System.arraycopy(record, 0, buf, (int) (at - block), record.length);
        vol.write(UndoFifo.zone3(block), buf, true);
    }

    private static byte[] encoded(FifoRecord r, int seq) {
        return r.withSeq(seq).encode();
    }

    private String refusal(long headerNext) {
        span(0, headerNext);
        return assertThrows(HammerCorruptionException.class, () -> UndoFifo.scan(vol)).getMessage();
    }

    @Test
    void aRecordWhoseTailDoesNotMatchItsHeadIsRefused() {
        byte[] b = encoded(FifoRecord.undo(TARGET, new byte[32]), seq0);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(b.length - 8, (short) 0x1234);
        put(0, b, true);
        assertTrue(refusal(b.length).contains("tail does not match the head"));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(b.length - 8, (short) FifoRecord.TAIL_SIGNATURE)
                .putShort(b.length - 6, (short) FifoRecord.REDO);
        put(0, b, true);
        assertTrue(refusal(b.length).contains("tail does not match the head"), "the tail's type differs");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(b.length - 6, (short) FifoRecord.UNDO)
                .putInt(b.length - 4, b.length + 8);
        put(0, b, true);
        assertTrue(refusal(b.length).contains("tail does not match the head"), "the tail's size differs");
    }

    @Test
    void payloadLengthsBeyondTheRecordAndUnknownTypesAreRefused() {
        byte[] undo = encoded(FifoRecord.undo(TARGET, new byte[32]), seq0);
        ByteBuffer.wrap(undo).order(ByteOrder.LITTLE_ENDIAN).putInt(FifoRecord.HEAD + 8, 33);
        put(0, undo, true);
        assertTrue(refusal(undo.length).contains("UNDO length 33 exceeds the record"));
        ByteBuffer.wrap(undo).order(ByteOrder.LITTLE_ENDIAN).putInt(FifoRecord.HEAD + 8, -1);
        put(0, undo, true);
        assertTrue(refusal(undo.length).contains("UNDO length -1 exceeds the record"));

        byte[] redo = encoded(FifoRecord.redo(FifoRecord.REDO_WRITE, 7, 0, new byte[16]), seq0);
        ByteBuffer.wrap(redo).order(ByteOrder.LITTLE_ENDIAN).putInt(FifoRecord.HEAD + 16, 17);
        put(0, redo, true);
        assertTrue(refusal(redo.length).contains("REDO length 17 exceeds the record"));
        ByteBuffer.wrap(redo).order(ByteOrder.LITTLE_ENDIAN).putInt(FifoRecord.HEAD + 16, -5);
        put(0, redo, true);
        assertTrue(refusal(redo.length).contains("REDO length -5 exceeds the record"));

        byte[] odd = encoded(FifoRecord.undo(TARGET, new byte[8]), seq0);
        ByteBuffer.wrap(odd).order(ByteOrder.LITTLE_ENDIAN).putShort(2, (short) 0x42).putShort(odd.length - 6, (short) 0x42);
        put(0, odd, true);
        assertTrue(refusal(odd.length).contains("unknown record type 0x42"));
    }

    @Test
    void exactPayloadLengthsAndDummyRecordsAreAccepted() {
        byte[] undo = encoded(FifoRecord.undo(TARGET, new byte[32]), seq0);
        byte[] redo = encoded(FifoRecord.redo(FifoRecord.REDO_TRUNC, 7, 4096, new byte[16]), seq0 + 1);
        byte[] dummy = new byte[64];
        ByteBuffer.wrap(dummy).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) FifoRecord.HEAD_SIGNATURE)
                .putShort(2, (short) FifoRecord.DUMMY).putInt(4, 64).putInt(8, seq0 + 2)
                .putShort(56, (short) FifoRecord.TAIL_SIGNATURE).putShort(58, (short) FifoRecord.DUMMY).putInt(60, 64);
        put(0, undo, true);
        put(undo.length, redo, true);
        int end = undo.length + redo.length + dummy.length;
        put(undo.length + redo.length, dummy, true);
        put(end, FifoRecord.pad(512 - end).encode(), false);
        span(0, end);
        List<UndoSpan.Entry> records = UndoFifo.scan(vol).records();
        assertEquals(3, records.size());
        FifoRecord r = records.get(1).record();
        assertEquals(FifoRecord.REDO_TRUNC, r.flags());
        assertEquals(7, r.objId());
        assertEquals(4096, r.target());
        assertEquals(16, r.payload().length);
        assertEquals(FifoRecord.DUMMY, records.get(2).record().type());
    }

    @Test
    void sizesThatAreShortMisalignedOrCrossABlockAreDamage() {
        byte[] shortOne = new byte[16];
        ByteBuffer.wrap(shortOne).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) FifoRecord.HEAD_SIGNATURE)
                .putShort(2, (short) FifoRecord.UNDO).putInt(4, 16).putInt(8, seq0);
        put(0, shortOne, false);
        assertTrue(refusal(16).contains("record of 16 bytes is too short"));

        byte[] crossing = encoded(FifoRecord.undo(TARGET, new byte[32]), seq0);
        ByteBuffer.wrap(crossing).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 520);
        put(0, crossing, true);
        assertTrue(refusal(64).contains("record size 520 is not 8-aligned inside one 512-byte block"));
        ByteBuffer.wrap(crossing).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 60);
        put(0, crossing, true);
        assertTrue(refusal(64).contains("record size 60 is not 8-aligned"));
        ByteBuffer.wrap(crossing).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0);
        put(0, crossing, true);
        assertTrue(refusal(64).contains("record size 0 is not 8-aligned"));

        // a record that would end exactly at the block's end is fine; 8 bytes further it crosses
        byte[] first = encoded(FifoRecord.undo(TARGET, new byte[400]), seq0);
        byte[] tail = encoded(FifoRecord.undo(TARGET, new byte[512 - first.length - 40]), seq0 + 1);
        assertEquals(512, first.length + tail.length);
        put(0, first, true);
        put(first.length, tail, true);
        span(0, 512);
        assertEquals(2, UndoFifo.scan(vol).records().size());
    }

    @Test
    void aPadAtABlockStartIsDamageButAStaleRecordThereEndsTheSpan() {
        byte[] pad = FifoRecord.pad(512).encode();
        put(0, pad, false);
        assertTrue(refusal(0).contains("a PAD starts a 512-byte block"));

        byte[] stale = encoded(FifoRecord.undo(TARGET, new byte[32]), seq0 + 40);
        put(0, stale, true);
        span(0, 0);
        UndoSpan s = UndoFifo.scan(vol);
        assertEquals(0, s.records().size(), "a record of an earlier lap at a block start ends the span cleanly");
        assertTrue(s.stopReason().contains("sequence number"), s.stopReason());
        assertTrue(refusal(stale.length).contains("inside the span the volume header records"),
                "but not before the header's next offset");

        byte[] ok = encoded(FifoRecord.undo(TARGET, new byte[32]), seq0);
        put(0, ok, true);
        put(ok.length, encoded(FifoRecord.undo(TARGET, new byte[32]), seq0 + 7), true);
        String why = refusal(ok.length);
        assertTrue(why.contains("sequence number") && why.contains("damaged"), "a wrong sequence number inside a block: " + why);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
