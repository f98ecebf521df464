package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.cleanup.PrunePolicy;
import org.odonata.fs.hammer.cleanup.ReblockReport;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Devices;

/**
 * Nothing acknowledged is lost on a full volume (audit R1): hammer_checkspace refuses new data at the call,
 * removing, pruning and reblocking stay possible, a flush group that fails is rolled back in memory and its
 * changes stay pending, and unmounting never drops them silently.
 */
class FullVolumeTest {

    private static final long MB = Devices.MB;

    /** The audit's volume: 48 MB in 1 MB big-blocks, filled with 3 MB files. */
    private static byte[] blob(int seed) {
        byte[] b = new byte[3 * (int) MB];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Fills the volume with 3 MB files, each synced; returns how many were acknowledged. */
    private static int fill(HammerFs fs) {
        for (int n = 0;; n++) {
            String p = "/f" + n;
            fs.create(p);
            HammerException e;
            try {
                fs.write(p, 0, blob(n));
            } catch (HammerException refused) {
                assertEquals(Errno.ENOSPC, refused.errno(), refused.getMessage());
                assertTrue(refused.getMessage().contains(p), "the error names the file: " + refused.getMessage());
                assertEquals(0, fs.stat(p).size(), "a refused write changes nothing");
                fs.unlink(p);
                fs.sync();
                return n;
            }
            fs.sync();
        }
    }

    @Test
    void aFullVolumeRefusesWritesAtTheCallAndRemovalPruneAndReblockStillWork() {
        BlockDevice dev = Devices.ram(48 * MB);
        HammerFs fs = HammerFs.newfs(dev, NewfsOptions.withBigBlock(MB), MountOptions.defaults());
        int files = fill(fs);
        assertTrue(files >= 5, files + " files fitted");
        Checks.assertClean(fs);

        // The audit's R1b: removing one file and pruning frees exactly what one more file needs.
        fs.unlink("/f0");
        fs.sync();
        assertFalse(fs.exists("/f0"));
        long freeBefore = fs.volume().header().statFreeBigBlocks();
        fs.prune(PrunePolicy.everything());
        assertTrue(fs.volume().header().statFreeBigBlocks() >= freeBefore + 2,
                "pruning the removed file frees its big-blocks");
        fs.create("/again");
        fs.write("/again", 0, blob(99));
        fs.sync();
        fs.unlink("/f1");
        fs.prune(PrunePolicy.everything());
        ReblockReport r = fs.reblock(100);
        assertFalse(r.stoppedForSpace(), r.toString());
        Checks.assertClean(fs);
        fs.close();

        HammerFs after = HammerFs.mount(dev, MountOptions.defaults());
        Checks.assertClean(after);
        assertFalse(after.exists("/f0"));
        for (int n = 2; n < files; n++) {
            assertArrayEquals(blob(n), after.read("/f" + n, 0, 3 * (int) MB), "/f" + n);
        }
        assertArrayEquals(blob(99), after.read("/again", 0, 3 * (int) MB));
        assertFalse(after.exists("/f" + files), "the refused file was never created");
    }

    /** Fails the flush the first {@code times} times it reaches a phase, as a device or space failure would. */
    private static final class FailingFlush implements org.odonata.fs.hammer.flush.FlushObserver {
        final FlushPhase phase;
        int times;

        FailingFlush(FlushPhase phase, int times) {
            this.phase = phase;
            this.times = times;
        }

        @Override
        public void reached(FlushPhase p, long tid) {
            if (p == phase && times > 0) {
                times--;
                throw new HammerException(Errno.ENOSPC, "injected failure at " + p);
            }
        }
    }

    @Test
    void aFlushGroupThatFailsBeforeItsHeaderIsRolledBackAndItsChangesStayPending() {
        for (FlushPhase phase : new FlushPhase[] {FlushPhase.DATA_WRITTEN, FlushPhase.UNDO_FLUSHED}) {
            BlockDevice dev = Devices.ram(32 * MB);
            FailingFlush failing = new FailingFlush(phase, 0);
            HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 8),
                    MountOptions.defaults().withObserver(failing));
            fs.mkdir("/d");
            for (int i = 0; i < 40; i++) {
                fs.create("/d/old" + i);
                fs.write("/d/old" + i, 0, FileApiTest.bytes("old " + i));
            }
            fs.sync();
            long tid = fs.lastTid();
            fs.rename("/d/old1", "/d/new1");
            fs.unlink("/d/old2");
            fs.create("/d/f");
            fs.write("/d/f", 0, new byte[70_000]);
            failing.times = 1;
            HammerException e = assertThrows(HammerException.class, fs::sync, phase.name());
            assertTrue(e.getMessage().contains("pending"), e.getMessage());
            assertEquals(tid, fs.lastTid(), "the failed group's TID is not the last synced one");
            Checks.assertClean(fs);
            assertTrue(fs.exists("/d/new1") && !fs.exists("/d/old1") && !fs.exists("/d/old2"),
                    "the front end still shows every acknowledged change");
            assertEquals(70_000, fs.stat("/d/f").size());

            fs.close();
            HammerFs after = HammerFs.mount(dev, MountOptions.defaults());
            Checks.assertClean(after);
            assertTrue(after.exists("/d/new1") && !after.exists("/d/old1") && !after.exists("/d/old2"));
            assertArrayEquals(FileApiTest.bytes("old 1"), after.read("/d/new1", 0, 100));
            assertEquals(70_000, after.stat("/d/f").size());
        }
    }

    @Test
    void unmountingWhileAFlushFailsKeepsTheFilesystemMountedWithItsChanges() {
        BlockDevice dev = Devices.ram(32 * MB);
        FailingFlush failing = new FailingFlush(FlushPhase.DATA_WRITTEN, 0);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 8),
                MountOptions.defaults().withObserver(failing));
        fs.create("/a");
        fs.write("/a", 0, FileApiTest.bytes("acknowledged"));
        failing.times = 1;
        assertThrows(HammerException.class, fs::close);
        assertArrayEquals(FileApiTest.bytes("acknowledged"), fs.read("/a", 0, 100), "still mounted, still there");
        fs.close();
        assertArrayEquals(FileApiTest.bytes("acknowledged"),
                HammerFs.mount(dev, MountOptions.defaults()).read("/a", 0, 100));
    }

    @Test
    void oneDependencyGroupThatCannotBeFlushedDoesNotHoldBackTheOthers() {
        // A FIFO of eight 64 KB big-blocks: one dependency group that changes thousands of existing records needs
        // more UNDO than the FIFO holds, so it can never be flushed; an unrelated file must still be.
        BlockDevice dev = Devices.ram(32 * MB);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 8), MountOptions.defaults());
        fs.mkdir("/many");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            names.add("/many/" + i);
            fs.create(names.get(i));
            if (i % 25 == 24) {
                fs.sync();
            }
        }
        fs.create("/other");
        fs.sync();
        for (String n : names) {
            fs.unlink(n);
        }
        fs.write("/other", 0, FileApiTest.bytes("flushed anyway"));
        HammerException e = assertThrows(HammerException.class, fs::sync);
        assertTrue(e.getMessage().contains("/many"), e.getMessage());
        Checks.assertClean(fs);
        assertTrue(fs.readdir("/many").isEmpty(), "the removals are still acknowledged in memory");

        HammerFs crashed = HammerFs.mount(dev, MountOptions.defaults().asReadOnly());
        assertArrayEquals(FileApiTest.bytes("flushed anyway"), crashed.read("/other", 0, 100),
                "the other group reached the disk");
    }
}
