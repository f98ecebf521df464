package org.odonata.fs.hammer.cleanup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.fs.DirEntry;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Devices;

class ReblockTest {

    private static final long BB = 64 * Devices.KB;

    /** What every file reads now and as of the snapshot. */
    private record Contents(long snapshot, Map<String, byte[]> now, Map<String, byte[]> atSnapshot) {

        static Contents of(HammerFs fs, long snapshot) {
            return new Contents(snapshot, read(fs, "/d", -1), read(fs, "/d", snapshot));
        }

        private static Map<String, byte[]> read(HammerFs fs, String dir, long asOf) {
            Map<String, byte[]> out = new HashMap<>();
            String suffix = asOf < 0 ? "" : String.format("@@0x%016x", asOf);
            for (DirEntry e : asOf < 0 ? fs.readdir(dir) : fs.readdir(dir, asOf)) {
                out.put(e.name(), fs.read(dir + suffix + "/" + e.name(), 0, 1 << 20));
            }
            return out;
        }

        void assertSame(HammerFs fs) {
            Contents other = of(fs, snapshot);
            assertEquals(now.keySet(), other.now.keySet());
            assertEquals(atSnapshot.keySet(), other.atSnapshot.keySet());
            now.forEach((k, v) -> assertArrayEquals(v, other.now.get(k), k));
            atSnapshot.forEach((k, v) -> assertArrayEquals(v, other.atSnapshot.get(k), k + " at the snapshot"));
        }
    }

    /**
     * Many files, two thirds of them deleted and their history pruned, so data and node big-blocks are left
     * partly used; then a snapshot and some overwrites, so there is history a snapshot needs.
     */
    private static Contents fragment(HammerFs fs) {
        Random rnd = new Random(5);
        fs.mkdir("/d");
        for (int i = 0; i < 400; i++) {
            fs.create("/d/f" + i);
            byte[] data = new byte[500 + rnd.nextInt(i % 10 == 0 ? 60_000 : 6000)];
            rnd.nextBytes(data);
            fs.write("/d/f" + i, 0, data);
        }
        fs.sync();
        for (int i = 0; i < 400; i++) {
            if (i % 3 != 0) {
                fs.unlink("/d/f" + i);
            }
        }
        fs.prune(PrunePolicy.everything());
        long snap = fs.snapshot("before overwrites").tid();
        for (int i = 0; i < 400; i += 9) {
            fs.write("/d/f" + i, 10, ("overwritten " + i).getBytes());
        }
        fs.sync();
        return Contents.of(fs, snap);
    }

    private static HammerFs newfs(BlockDevice dev, MountOptions mount) {
        return HammerFs.newfs(dev, new NewfsOptions(BB, 16), mount);
    }

    @Test
    void reblockFreesWholeBigBlocksAndEveryFileReadsTheSameNowAndAtTheSnapshot() {
        BlockDevice dev = Devices.ram(32 * Devices.MB);
        HammerFs fs = newfs(dev, MountOptions.defaults());
        Contents before = fragment(fs);
        int nodeZone = fs.blockmap().layer2(ZoneOffset.offset(fs.volume().header().btreeRoot()) / BB).zone();

        ReblockReport r = fs.reblock(100);

        assertEquals(ZoneOffset.BTREE, nodeZone);
        assertTrue(r.freeAfter() > r.freeBefore(), r.toString());
        assertTrue(r.nodesMoved() > 0 && r.recordsMoved() > 0 && r.skipped() == 0, r.toString());
        before.assertSame(fs);
        Checks.assertClean(fs);
        fs.close();
        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        before.assertSame(again);
        Checks.assertClean(again);
    }

    @Test
    void theFillThresholdChoosesWhichBigBlocksAreEmptied() {
        ReblockReport[] byFill = new ReblockReport[3];
        int[] fills = {0, 50, 100};
        for (int i = 0; i < fills.length; i++) {
            HammerFs fs = newfs(Devices.ram(32 * Devices.MB), MountOptions.defaults());
            Contents before = fragment(fs);
            byFill[i] = fs.reblock(fills[i]);
            before.assertSame(fs);
            Checks.assertClean(fs);
        }
        assertEquals(0, byFill[0].nodesMoved() + byFill[0].recordsMoved(), "fill 0%: no big-block is less full");
        assertTrue(0 < byFill[1].sources() && byFill[1].sources() < byFill[2].sources(), byFill[1] + " vs " + byFill[2]);
    }

    @Test
    void aPowerCutDuringReblockRecoversToACleanVolumeWithTheSameContents() {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(BB, 8), MountOptions.defaults().withObserver(cutter));
        Contents before = fragment(fs);
        cutter.arm(FlushPhase.UNDO_FLUSHED, 1);
        assertThrows(Cutter.PowerCut.class, () -> fs.reblock(100));
        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        Checks.assertClean(again);
        before.assertSame(again);
        again.reblock(100);
        Checks.assertClean(again);
        before.assertSame(again);
    }
}
