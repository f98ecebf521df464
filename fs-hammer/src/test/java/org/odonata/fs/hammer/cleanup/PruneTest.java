package org.odonata.fs.hammer.cleanup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.fs.hammer.testing.Workloads.bytes;

import java.util.Arrays;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.object.Snapshot;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.Workloads;

class PruneTest {

    private static String at(long tid) {
        return String.format("@@0x%016x", tid);
    }

    private static HammerFs newfs(BlockDevice dev, MountOptions mount) {
        return HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 8), mount);
    }

    /** The bytes {@code path} reads as of {@code tid}, or null if it did not exist then. */
    private static byte[] readAsOf(HammerFs fs, String path, long tid) {
        try {
            return fs.read(path + at(tid), 0, 1 << 20);
        } catch (HammerException e) {
            assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
            return null;
        }
    }

    @Test
    void pruneEverythingRemovesHistoryButWhatASnapshotShows() {
        BlockDevice dev = Devices.ram(16 * Devices.MB);
        HammerFs fs = newfs(dev, MountOptions.defaults());
        fs.create("/f");
        fs.write("/f", 0, bytes("version one"));
        long t1 = fs.sync();
        fs.write("/f", 0, bytes("VERSION TWO"));
        Snapshot snap = fs.snapshot("keep");
        fs.write("/f", 0, bytes("version 3!!"));
        fs.create("/gone");
        fs.write("/gone", 0, new byte[40_000]);
        long t3 = fs.sync();
        fs.unlink("/gone");
        fs.sync();

        PruneReport r = fs.prune(PrunePolicy.everything());

        assertTrue(r.pruned() > 0 && r.keptForSnapshots() > 0 && r.dataBytes() >= 40_000, r.toString());
        assertArrayEquals(bytes("version 3!!"), fs.read("/f", 0, 100));
        assertArrayEquals(bytes("VERSION TWO"), fs.read("/f" + at(snap.tid()), 0, 100), "a snapshot keeps its view");
        assertEquals(null, readAsOf(fs, "/f", t1), "the version that lived only before the snapshot is gone");
        assertEquals(null, readAsOf(fs, "/gone", t3), "a deleted file's whole history is gone");
        assertFalse(fs.exists("/gone"));
        Checks.assertClean(fs);
        fs.close();
        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        assertArrayEquals(bytes("VERSION TWO"), again.read("/f" + at(snap.tid()), 0, 100));
        Checks.assertClean(again);
        assertEquals(0, again.prune(PrunePolicy.everything()).pruned(), "nothing left to prune but what the snapshot needs");
    }

    @Test
    void anIntervalKeepsOneVersionPerBucketAndLeavesReadsOutsideItAlone() {
        HammerFs fs = newfs(Devices.ram(16 * Devices.MB), MountOptions.defaults());
        fs.create("/f");
        TreeMap<Long, byte[]> versions = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            fs.write("/f", 0, bytes("version " + i));
            versions.put(fs.sync(), bytes("version " + i));
        }
        long first = versions.firstKey();
        long last = versions.lastKey();
        TreeMap<Long, byte[]> before = new TreeMap<>();
        for (long t = first - 1; t <= last + 1; t++) {
            before.put(t, readAsOf(fs, "/f", t));
        }
        long beg = first + 10;
        long end = last - 10;
        long every = 8;

        PruneReport r = fs.prune(PrunePolicy.intervals(new PruneInterval(PruneInterval.Unit.TID, beg, end, every)));

        assertTrue(r.pruned() > 0, r.toString());
        int changed = 0;
        for (long t = first - 1; t <= last + 1; t++) {
            byte[] now = readAsOf(fs, "/f", t);
            boolean exact = t < beg || t >= end || (t + 1) % every == 0;
            if (exact) {
                assertArrayEquals(before.get(t), now, "as of " + t + " (outside the interval or a bucket's last TID)");
            } else if (!Arrays.equals(before.get(t), now)) {
                changed++;
            }
        }
        assertTrue(changed > 0, "versions that lived inside one bucket are gone");
        Checks.assertClean(fs);
    }

    @Test
    void timeIntervalsPruneByTheRecordsTimestamps() {
        long[] seconds = {0};
        MountOptions clock = MountOptions.defaults().withClock(() -> seconds[0] * 1_000_000_000L);
        HammerFs fs = newfs(Devices.ram(16 * Devices.MB), clock);
        fs.create("/f");
        long[] tids = new long[10];
        for (int i = 0; i < 10; i++) {
            seconds[0] = 100L * i;
            fs.write("/f", 0, bytes("at second " + 100 * i));
            tids[i] = fs.sync();
        }
        fs.prune(PrunePolicy.intervals(new PruneInterval(PruneInterval.Unit.SECONDS, 0, 450, 0)));
        assertEquals(null, readAsOf(fs, "/f", tids[2]), "lived from second 200 to 300: pruned");
        assertArrayEquals(bytes("at second 400"), readAsOf(fs, "/f", tids[4]), "lived past second 450: kept");
        Checks.assertClean(fs);
    }

    @Test
    void aPowerCutDuringPruneRecoversToACleanVolumeAndPruneFinishesOnTheNextRun() {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = newfs(dev, MountOptions.defaults().withObserver(cutter));
        Workloads.mixed(fs, 150);
        for (int round = 0; round < 6; round++) {
            for (int i = 1; i < 150; i += 3) {
                String p = "/src/f" + i;
                if (fs.exists(p)) {
                    fs.write(p, 0, bytes("round " + round));
                }
            }
            fs.sync();
        }
        long snap = fs.snapshots().get(1).tid();
        byte[] atSnap = fs.read("/src/f1" + at(snap), 0, 1 << 20);
        byte[] current = fs.read("/src/f7", 0, 1 << 20);
        cutter.arm(FlushPhase.METADATA_WRITTEN, 1);
        assertThrows(Cutter.PowerCut.class, () -> fs.prune(PrunePolicy.everything()));

        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        Checks.assertClean(again);
        assertArrayEquals(atSnap, again.read("/src/f1" + at(snap), 0, 1 << 20));
        assertArrayEquals(current, again.read("/src/f7", 0, 1 << 20));
        assertTrue(again.prune(PrunePolicy.everything()).pruned() > 0, "the rest is pruned on the next run");
        Checks.assertClean(again);
        assertArrayEquals(current, again.read("/src/f7", 0, 1 << 20));
    }
}
