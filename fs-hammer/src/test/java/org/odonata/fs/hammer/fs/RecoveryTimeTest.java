package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.hw.x86.disk.Disks;

/**
 * Recovery time depends on the UNDO span, not on the volume: the same crashed flush group on a 64 MB and a
 * 4 GB sparse image (same big-block size and UNDO FIFO) is recovered at mount, and the host time of each
 * mount is printed (a measurement, not asserted: the machine is shared). Both recoveries must apply the same
 * number of UNDO records and leave a clean volume.
 */
class RecoveryTimeTest {

    private static final int TRIALS = 5;
    private static final int FILES = 200;

    @TempDir
    Path dir;

    /** Builds the image, crashes one flush group after its metadata was written, times the recovering mount. */
    private long[] crashAndRecover(long size) throws IOException {
        Path img = dir.resolve(size + ".img");
        BlockDevice dev = Disks.open(new DiskSpec("nvme", DiskKind.NVME, size, 512, img.toString(), true), null);
        try {
            Cutter cutter = new Cutter(dev);
            HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(Devices.MB, 4), MountOptions.defaults().withObserver(cutter));
            for (int i = 0; i < FILES; i++) {
                fs.create("/f" + i);
                fs.write("/f" + i, 0, new byte[4096]);
            }
            fs.sync();
            for (int i = 0; i < FILES; i++) {
                fs.write("/f" + i, 100, FileApiTest.bytes("crashed group " + i));
            }
            cutter.arm(FlushPhase.METADATA_WRITTEN, 1);
            assertThrows(Cutter.PowerCut.class, fs::sync);
            long start = System.nanoTime();
            HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
            long nanos = System.nanoTime() - start;
            Checks.assertClean(again);
            return new long[] {nanos, again.recoveryReport().undoApplied(), again.recoveryReport().span().records().size()};
        } finally {
            dev.close();
            Files.deleteIfExists(img);
        }
    }

    @Test
    void recoveringTheSameFlushGroupTakesAboutAsLongOnA64MbAndA4GbVolume() throws IOException {
        long[] small = new long[TRIALS];
        long[] large = new long[TRIALS];
        long[] undoSmall = {0};
        long[] undoLarge = {0};
        for (int t = 0; t < TRIALS; t++) {
            long[] s = crashAndRecover(64 * Devices.MB);
            long[] l = crashAndRecover(4096 * Devices.MB);
            small[t] = s[0];
            large[t] = l[0];
            undoSmall[0] = s[1];
            undoLarge[0] = l[1];
            assertTrue(s[1] > 0 && s[2] > 0, "the crashed group is undone");
        }
        assertEquals(undoSmall[0], undoLarge[0], "the same span on both volumes");
        Arrays.sort(small);
        Arrays.sort(large);
        System.out.printf(Locale.ROOT, "recovery of one crashed flush group (%d UNDO records applied), median of %d"
                + " mounts: 64 MB volume %.2f ms (min %.2f), 4 GB sparse volume %.2f ms (min %.2f)%n", undoSmall[0],
                TRIALS, small[TRIALS / 2] / 1e6, small[0] / 1e6, large[TRIALS / 2] / 1e6, large[0] / 1e6);
    }
}
