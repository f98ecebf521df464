package org.odonata.fs.hammer.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.fs.hammer.mirror.MirrorTest.MASTER;
import static org.odonata.fs.hammer.mirror.MirrorTest.SLAVE;
import static org.odonata.fs.hammer.mirror.MirrorTest.asOf;
import static org.odonata.fs.hammer.mirror.MirrorTest.now;
import static org.odonata.fs.hammer.mirror.MirrorTest.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.fs.hammer.crash.CrashState;
import org.odonata.fs.hammer.crash.CrashStates;
import org.odonata.fs.hammer.crash.DiskImage;
import org.odonata.fs.hammer.crash.ImageDevice;
import org.odonata.fs.hammer.crash.RecordingDevice;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.testing.TreeChecker;

/**
 * A power cut of the slave at any point of a mirror-write (the crash enumeration's {@link RecordingDevice} and
 * {@link CrashStates}: every prefix of the writes, and the reorderings a volatile cache allows between flushes)
 * recovers to the old or the new sync_end_tid, never between, and the slave then shows exactly the master as of
 * that TID: hammer_ioc_mirror_write's records carry TIDs after the old sync_end_tid, and the PFS record that moves
 * it is written by a flush group of its own after they are committed.
 */
class MirrorCrashTest {

    @Test
    void aCrashDuringMirrorWriteRecoversToTheOldOrTheNewSyncEndTid() {
        ImageDevice device = new ImageDevice(DiskImage.blank(new DiskSpec("mirror0", DiskKind.RAM, 32L << 20, 512,
                null, false)));
        // a small UNDO FIFO, so the write takes several maintenance groups and crashes fall between them too
        HammerFs fs = HammerFs.newfs(device, new NewfsOptions(64 << 10, 2), MountOptions.defaults());
        fs.createPseudofs(MASTER, false, null);
        fs.createPseudofs(SLAVE, true, fs.pseudofs(MASTER).sharedUuid());
        SplittableRandom r = new SplittableRandom(42);
        MirrorTest.workload(fs, r, 12);
        MirrorTest.copy(fs);
        MirrorTest.workload(fs, r, 12);
        long oldEnd = fs.pseudofs(SLAVE).syncEndTid();
        SortedMap<String, String> oldTree = tree(fs, now(SLAVE));
        byte[] stream = MirrorTest.read(fs, MASTER, oldEnd);
        long newEnd = MirrorStream.parse(stream).header().tidEnd();
        SortedMap<String, String> newTree = tree(fs, asOf(newEnd, MASTER));
        assertTrue(!oldTree.equals(newTree), "the increment changes what the slave shows");
        fs.close();

        DiskImage initial = device.snapshot().compact();
        RecordingDevice recording = new RecordingDevice(new ImageDevice(initial));
        HammerFs writer = HammerFs.mount(recording, MountOptions.defaults());
        MirrorWrite.Report report = writer.mirrorWrite(SLAVE, stream);
        assertTrue(report.groups() > 1, report.toString());
        assertEquals(newEnd, writer.pseudofs(SLAVE).syncEndTid());
        assertEquals(newTree, tree(writer, now(SLAVE)));

        CrashStates states = CrashStates.of(initial, recording.log(), CrashStates.Sampling.DEFAULT);
        List<String> failures = new ArrayList<>();
        int sawOld = 0;
        int sawNew = 0;
        for (CrashState state : states) {
            try (HammerFs recovered = HammerFs.mount(state.open(), MountOptions.defaults())) {
                TreeChecker.check(recovered.btree());
                long end = recovered.pseudofs(SLAVE).syncEndTid();
                if (end != oldEnd && end != newEnd) {
                    failures.add(state.describe() + ": sync_end_tid " + Long.toHexString(end));
                } else if (!tree(recovered, now(SLAVE)).equals(end == oldEnd ? oldTree : newTree)) {
                    failures.add(state.describe() + ": the slave at " + Long.toHexString(end) + " is not the master");
                } else if (end == oldEnd) {
                    sawOld++;
                } else {
                    sawNew++;
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add(state.describe() + ": threw " + e);
            }
        }
        System.out.println("mirror-write crash states: " + states.summary() + "; old " + sawOld + ", new " + sawNew
                + "; " + report);
        assertEquals(List.of(), failures.stream().limit(10).toList());
        assertTrue(sawOld > 0 && sawNew > 0, "crash states before and after the sync_end_tid update");
    }
}
