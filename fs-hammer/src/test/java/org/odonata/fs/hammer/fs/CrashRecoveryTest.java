package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.fs.hammer.fs.FileApiTest.bytes;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.crash.PersistOp;
import org.odonata.fs.hammer.crash.RecordingDevice;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Cutter.PowerCut;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.TreeChecker;

class CrashRecoveryTest {

    private static HammerFs newfs(BlockDevice dev, Cutter cutter) {
        return HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 8), MountOptions.defaults().withObserver(cutter));
    }

    private static HammerFs remount(BlockDevice dev) {
        HammerFs fs = HammerFs.mount(dev, MountOptions.defaults());
        TreeChecker.check(fs.btree());
        Checks.assertClean(fs);
        return fs;
    }

    @ParameterizedTest
    @EnumSource(value = FlushPhase.class, names = {"DATA_WRITTEN", "UNDO_FLUSHED", "HEADER_WRITTEN", "METADATA_WRITTEN",
            "RETIRED"})
    void aPowerCutAfterAnyFlushPhaseRecoversTheWholeGroupOrNoneOfIt(FlushPhase phase) {
        for (BlockDevice dev : new BlockDevice[] {Devices.cached(32 * Devices.MB), Devices.ram(32 * Devices.MB)}) {
            Cutter cutter = new Cutter(dev);
            HammerFs fs = newfs(dev, cutter);
            fs.mkdir("/d");
            fs.create("/d/a");
            fs.write("/d/a", 0, bytes("version 1"));
            fs.sync();
            fs.write("/d/a", 0, bytes("VERSION 2"));
            fs.create("/d/b");
            fs.write("/d/b", 0, new byte[100_000]);
            fs.rename("/d/a", "/d/renamed");
            cutter.arm(phase, 1);
            assertThrows(PowerCut.class, fs::sync);

            HammerFs after = remount(dev);
            boolean committed = phase == FlushPhase.RETIRED;
            assertEquals(committed, after.exists("/d/b"), phase + " on " + dev);
            assertEquals(committed, after.exists("/d/renamed"));
            assertEquals(!committed, after.exists("/d/a"));
            assertArrayEquals(bytes(committed ? "VERSION 2" : "version 1"),
                    after.read(committed ? "/d/renamed" : "/d/a", 0, 100));
            after.create("/d/c");
            after.close();
            assertTrue(remount(dev).exists("/d/c"), "the recovered volume takes new changes");
        }
    }

    @Test
    void recoveryUndoesMetadataThatReachedTheDiskBeforeTheGroupCommitted() {
        BlockDevice dev = Devices.ram(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = newfs(dev, cutter);
        for (int i = 0; i < 200; i++) {
            fs.create("/f" + i);
        }
        fs.sync();
        for (int i = 0; i < 200; i += 2) {
            fs.unlink("/f" + i);
        }
        cutter.arm(FlushPhase.METADATA_WRITTEN, 1);
        assertThrows(PowerCut.class, fs::sync);
        HammerFs after = remount(dev);
        assertTrue(after.recoveryReport().undoApplied() > 0, "the span held UNDO for the overwritten nodes");
        assertEquals(200, after.readdir("/").size());
    }

    @ParameterizedTest
    @EnumSource(value = FsyncMode.class, names = {"REDO", "REDO_FLUSH", "FULL_SYNC"})
    void fsyncedDataSurvivesAPowerCutOnAWriteCacheDevice(FsyncMode mode) {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 8), MountOptions.defaults().withFsyncMode(mode));
        fs.create("/f");
        fs.write("/f", 0, bytes("committed"));
        fs.sync();
        fs.write("/f", 0, bytes("FSYNCED!!"));
        fs.write("/f", 70_000, bytes("far"));
        fs.fsync("/f");
        fs.write("/f", 0, bytes("lost"));
        dev.powerCut();

        HammerFs after = remount(dev);
        assertArrayEquals(bytes("FSYNCED!!"), after.read("/f", 0, 9));
        assertArrayEquals(bytes("far"), after.read("/f", 70_000, 10));
        assertEquals(70_003, after.stat("/f").size());
        if (mode != FsyncMode.FULL_SYNC) {
            assertTrue(after.recoveryReport().redoReplayed() > 0, "stage 2 replayed the REDO records");
        }
        after.close();
        assertArrayEquals(bytes("FSYNCED!!"), remount(dev).read("/f", 0, 9), "the replay was synced");
    }

    @Test
    void fsyncedDataSurvivesACrashInTheMiddleOfTheNextFlush() {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = newfs(dev, cutter);
        fs.create("/f");
        fs.write("/f", 0, bytes("old"));
        fs.sync();
        fs.truncate("/f", 0);
        fs.write("/f", 0, bytes("redo'd"));
        fs.fsync("/f");
        fs.create("/other");
        cutter.arm(FlushPhase.HEADER_WRITTEN, 1);
        assertThrows(PowerCut.class, fs::sync);
        HammerFs after = remount(dev);
        assertArrayEquals(bytes("redo'd"), after.read("/f", 0, 100));
        assertFalse(after.exists("/other"));
    }

    @Test
    void fsyncOfANewFileFallsBackToAFullSync() {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        HammerFs fs = newfs(dev, new Cutter(dev));
        fs.mkdir("/d");
        fs.create("/d/new");
        fs.write("/d/new", 0, bytes("brand new"));
        fs.fsync("/d/new");
        dev.powerCut();
        assertArrayEquals(bytes("brand new"), remount(dev).read("/d/new", 0, 100));
    }

    @Test
    void aCrashDuringRecoveryReplayIsRecoveredAgain() {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        HammerFs fs = newfs(dev, new Cutter(dev));
        fs.create("/f");
        fs.sync();
        fs.write("/f", 0, bytes("keep me"));
        fs.fsync("/f");
        dev.powerCut();
        Cutter second = new Cutter(dev);
        second.arm(FlushPhase.HEADER_WRITTEN, 1);
        assertThrows(PowerCut.class, () -> HammerFs.mount(dev, MountOptions.defaults().withObserver(second)));
        assertArrayEquals(bytes("keep me"), remount(dev).read("/f", 0, 100));
    }

    @Test
    void aFlushSplitIntoSeveralGroupsByUndoSpaceStaysConsistentAfterACut() {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 2), MountOptions.defaults().withObserver(cutter));
        for (int i = 0; i < 400; i++) {
            fs.mkdir("/d" + i);
            if (i % 50 == 49) {
                fs.sync();
            }
        }
        for (int i = 0; i < 400; i++) {
            fs.create("/d" + i + "/f");
        }
        cutter.arm(FlushPhase.HEADER_WRITTEN, 3);
        assertThrows(PowerCut.class, fs::sync);
        HammerFs after = remount(dev);
        int present = 0;
        for (int i = 0; i < 400; i++) {
            present += after.exists("/d" + i + "/f") ? 1 : 0;
        }
        assertTrue(present > 0 && present < 400, "earlier groups committed, the cut one did not: " + present);
    }

    @Test
    void aReadOnlyMountRecoversInMemoryAndWritesNothing() {
        BlockDevice dev = Devices.ram(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = newfs(dev, cutter);
        fs.create("/kept");
        fs.sync();
        fs.create("/undone");
        cutter.arm(FlushPhase.METADATA_WRITTEN, 1);
        assertThrows(PowerCut.class, fs::sync);
        long writes = dev.stats().writes();
        HammerFs ro = HammerFs.mount(dev, MountOptions.defaults().asReadOnly());
        assertTrue(ro.recoveryReport().undoApplied() > 0);
        assertTrue(ro.exists("/kept"));
        assertFalse(ro.exists("/undone"));
        TreeChecker.check(ro.btree());
        Checks.assertClean(ro);
        assertEquals(writes, dev.stats().writes(), "a read-only mount never writes");
    }
    /**
     * hammer_modify_node_all before btree_split_leaf/btree_split_internal change a node: a node's UNDO image is the
     * one it had before the flush group's first change to it, so a cut group that split nodes written by earlier
     * groups gets those nodes back whole (taking the image after the split would "restore" a truncated node).
     */
    @Test
    void aCutFlushGroupThatSplitNodesOfEarlierGroupsGetsThemBackWhole() {
        BlockDevice dev = Devices.ram(64 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(1 * Devices.MB, 8), MountOptions.defaults()
                .withObserver(cutter));
        int committed = 3000;
        for (int i = 0; i < committed; i++) {
            fs.create("/f" + i);
        }
        fs.sync();
        // names that hash among the committed ones: full leaves of earlier groups split, a split their first change
        int added = 300;
        for (int i = 0; i < added; i++) {
            fs.create("/g" + i);
        }
        cutter.arm(FlushPhase.METADATA_WRITTEN, 1);
        assertThrows(PowerCut.class, fs::sync);
        HammerFs after = remount(dev);
        assertTrue(after.recoveryReport().undoApplied() > 0);
        for (int i = 0; i < committed; i++) {
            assertTrue(after.exists("/f" + i), "/f" + i + " of an earlier group");
        }
        for (int i = 0; i < added; i++) {
            assertFalse(after.exists("/g" + i), "/g" + i + " of the cut group");
        }
        assertEquals(committed, after.readdir("/").size());
    }

    /**
     * hammer_recover_stage1 (hammer_recover.c): the restored metadata is flushed before the restored header is written
     * with FUA; were the header durable first, a power cut between the two would leave the torn metadata on disk under
     * a header that no longer asks for recovery. The recovering mount's device operations show the order.
     */
    @Test
    void recoveryMakesTheRestoredMetadataDurableBeforeItWritesTheHeader() {
        BlockDevice dev = Devices.cached(32 * Devices.MB);
        Cutter cutter = new Cutter(dev);
        HammerFs fs = newfs(dev, cutter);
        for (int i = 0; i < 300; i++) {
            fs.create("/kept" + i);
        }
        fs.sync();
        for (int i = 0; i < 300; i += 2) {
            fs.unlink("/kept" + i);
        }
        cutter.arm(FlushPhase.METADATA_WRITTEN, 1);
        assertThrows(PowerCut.class, fs::sync);
        RecordingDevice rec = new RecordingDevice(dev);
        HammerFs recovered = HammerFs.mount(rec, MountOptions.defaults());
        assertTrue(recovered.recoveryReport().undoApplied() > 0);
        List<PersistOp> ops = rec.log();
        int header = -1;
        for (int i = 0; i < ops.size() && header < 0; i++) {
            if (ops.get(i) instanceof PersistOp.Write w && w.offset() == 0) {
                header = i;
            }
        }
        assertTrue(header > 0, "the restored metadata is written before the header: " + ops);
        assertTrue(((PersistOp.Write) ops.get(header)).fua(), "the restored header is written with FUA");
        assertInstanceOf(PersistOp.Flush.class, ops.get(header - 1), "a flush right before the header: " + ops);
        assertTrue(ops.subList(0, header - 1).stream().allMatch(op -> op instanceof PersistOp.Write w && !w.fua()),
                "then the restored metadata: " + ops);
        assertEquals(300, remount(dev).readdir("/").size(), "the unlinks were undone");
    }
}
