package org.odonata.fs.hammer.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;

/** Crash states of hand-written logs over a toy 8-sector device, one byte value per sector. */
class CrashStatesTest {

    static final DiskSpec SPEC = new DiskSpec("toy", DiskKind.RAM, 8 * 512, 512, null, false);

    static PersistOp write(int sector, int value) {
        return new PersistOp.Write(sector * 512L, RecordingDeviceTest.filled(512, value), false);
    }

    static PersistOp fua(int sector, int value) {
        return new PersistOp.Write(sector * 512L, RecordingDeviceTest.filled(512, value), true);
    }

    static final PersistOp FLUSH = new PersistOp.Flush();

    /** The first byte of every sector: a compact picture of a toy disk. */
    static String picture(DiskImage image) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < 8; s++) {
            ByteBuffer dst = ByteBuffer.allocate(512);
            image.read(s * 512L, dst);
            b.append(dst.get(0));
        }
        return b.toString();
    }

    static List<String> pictures(List<PersistOp> log) {
        List<String> result = new ArrayList<>();
        for (CrashState state : CrashStates.of(DiskImage.blank(SPEC), log, CrashStates.Sampling.DEFAULT)) {
            result.add(picture(state.image()));
        }
        return result;
    }

    @Test
    void twoWritesInOneEpochGiveFourStates() {
        List<String> states = pictures(List.of(write(0, 1), write(1, 2)));
        assertEquals(List.of("00000000", "10000000", "02000000", "12000000"), states);
    }

    @Test
    void writesBeforeACompletedFlushAreAlwaysPresent() {
        List<String> states = pictures(List.of(write(0, 1), write(1, 2), FLUSH, write(2, 3), write(3, 4)));
        assertEquals(4 + 3, states.size(), "epoch 0: 4 states; epoch 1: 3 new ones beside the flushed state");
        for (String s : states.subList(4, states.size())) {
            assertTrue(s.startsWith("12"), "after the flush both writes survive: " + s);
        }
        assertEquals(Set.of("12000000", "12300000", "12040000", "12340000"), new HashSet<>(states.subList(3, 7)));
    }

    @Test
    void fuaWriteIsPresentInEveryLaterState() {
        List<String> states = pictures(List.of(write(0, 1), fua(1, 2), write(2, 3)));
        // cut before anything; after w0 kept; after the FUA with w0 lost or kept; after w2 (kept) either way
        assertEquals(List.of("00000000", "10000000", "02000000", "12000000", "02300000", "12300000"), states);
    }

    @Test
    void laterOverlappingWriteWinsOnlyIfKept() {
        List<String> states = pictures(List.of(write(0, 1), write(0, 2)));
        assertEquals(List.of("00000000", "10000000", "20000000", "20000000"), states,
                "the second write lost leaves the first; kept, it overwrites whichever is below");
    }

    @Test
    void describesKeptAndLostWrites() {
        List<CrashState> states = new ArrayList<>();
        CrashStates.of(DiskImage.blank(SPEC), List.of(write(0, 1), write(1, 2), write(2, 3)),
                CrashStates.Sampling.DEFAULT).forEach(states::add);
        CrashState state = states.get(states.size() - 2);
        assertEquals("crash after op 3 (epoch 0 from op 0, unordered writes {0, 1, 2} kept {1, 2} lost {0})",
                state.describe());
        assertFalse(state.inOrder());
    }

    @Test
    void largeEpochIsSampledWithinItsBoundAndReproducibly() {
        List<PersistOp> log = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            log.add(write(i % 8, i + 1));
        }
        CrashStates.Sampling sampling = new CrashStates.Sampling(1 << 10, 200, 42);
        CrashStates states = CrashStates.of(DiskImage.blank(SPEC), log, sampling);
        assertFalse(states.exhaustive());
        assertEquals(200, states.size());
        assertTrue(states.summary().contains("sampled (seed 42"), states.summary());
        List<String> again = new ArrayList<>();
        CrashStates.of(DiskImage.blank(SPEC), log, sampling).forEach(s -> again.add(s.describe()));
        List<String> first = new ArrayList<>();
        states.forEach(s -> first.add(s.describe()));
        assertEquals(first, again, "the same seed gives the same sample");
        assertTrue(first.stream().filter(d -> d.startsWith("crash after op 14 ")).count() >= 14,
                "every single lost write at the epoch's end is sampled");
    }

    @Test
    void smallEpochIsExhaustive() {
        List<PersistOp> log = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            log.add(write(i % 8, i + 1));
        }
        CrashStates states = CrashStates.of(DiskImage.blank(SPEC), log, CrashStates.Sampling.DEFAULT);
        assertTrue(states.exhaustive(), states.summary());
        assertEquals(1 << 10, states.size(), "one state per subset of the ten writes");
    }

    @Test
    void mountingAStateLeavesItUntouched() {
        CrashStates states = CrashStates.of(DiskImage.blank(SPEC), List.of(write(0, 1)),
                CrashStates.Sampling.DEFAULT);
        CrashState last = null;
        for (CrashState s : states) {
            last = s;
        }
        ImageDevice device = last.open();
        device.write(512, ByteBuffer.wrap(RecordingDeviceTest.filled(512, 9)), false);
        assertEquals("19000000", picture(device.snapshot()));
        assertEquals("10000000", picture(last.image()));
    }
}
