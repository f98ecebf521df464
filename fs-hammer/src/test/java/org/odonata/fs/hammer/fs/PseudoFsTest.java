package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.fs.hammer.fs.FileApiTest.assertErrno;
import static org.odonata.fs.hammer.fs.FileApiTest.bytes;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.cleanup.PrunePolicy;
import org.odonata.fs.hammer.error.Errno;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.PseudoFsData;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.TreeChecker;

/** Pseudo-filesystems as hammer_pfs.c and hammer_vop_nresolve make them; each test names the function it pins. */
class PseudoFsTest {

    private final BlockDevice dev = Devices.ram(64 * Devices.MB);
    private HammerFs fs = HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());

    private static String pfs(int id) {
        return String.format("/@@-1:%05d", id);
    }

    private HammerFs remount() {
        fs = Checks.remount(fs, dev);
        return fs;
    }

    /** hammer_btree_cmp: the PFS id is the high 16 bits of the localization, so two PFSs never share a record. */
    @Test
    void filesOfTwoPfssAreIsolatedUnderTheSameNames() {
        fs.createPseudofs(1, false, null);
        fs.createPseudofs(2, false, null);
        for (String root : new String[] {"", pfs(1), pfs(2)}) {
            fs.mkdir(root + "/d");
            fs.create(root + "/d/f");
            fs.write(root + "/d/f", 0, bytes("content of " + (root.isEmpty() ? "pfs0" : root)));
        }
        remount();
        assertArrayEquals(bytes("content of pfs0"), fs.read("/d/f", 0, 100));
        assertArrayEquals(bytes("content of " + pfs(1)), fs.read(pfs(1) + "/d/f", 0, 100));
        assertArrayEquals(bytes("content of " + pfs(2)), fs.read(pfs(2) + "/d/f", 0, 100));
        long f1 = fs.lookup(pfs(1) + "/d/f");
        assertEquals(1, HammerFs.pfsOf(f1));
        assertNotEquals(fs.lookup(pfs(2) + "/d/f"), f1);
        int seen = 0;
        for (BTreeElement e : fs.objects().pfsRecords(1)) {
            assertEquals(1, Localization.pfsOfLocalization(e.localization()), e.toString());
            seen++;
        }
        assertTrue(seen >= 5, "PFS 1 holds its root, d, f and their entries and data: " + seen);
        fs.unlink(pfs(1) + "/d/f");
        assertTrue(fs.exists(pfs(2) + "/d/f"));
        assertTrue(fs.exists("/d/f"));
        assertErrno(Errno.EXDEV, () -> fs.rename(pfs(1) + "/d", pfs(2) + "/e"));
        assertErrno(Errno.EXDEV, () -> fs.link("/d/f", pfs(1) + "/g"));
    }

    /**
     * hammer_ioc_set_pseudofs / init_pfsd: the configuration is a PFS record of PFS 0's root keyed by the PFS's
     * localization, so it survives a remount; the UUIDs derive from the volume, never from an unseeded random source.
     */
    @Test
    void theConfigurationSurvivesARemountAndTheUuidsAreDeterministic() {
        PseudoFsData m = fs.createPseudofs(5, false, null);
        UUID shared = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        PseudoFsData s = fs.createPseudofs(6, true, shared);
        assertFalse(m.slave());
        assertTrue(s.slave());
        assertEquals(shared, s.sharedUuid());
        assertEquals(1, s.syncBegTid());
        assertEquals(1, s.syncEndTid());
        assertNotEquals(m.uniqueUuid(), s.uniqueUuid());
        remount();
        assertEquals(m.withSyncEndTid(fs.lastTid()), fs.pseudofs(5));
        assertEquals(s, fs.pseudofs(6));
        assertEquals(List.of(0, 5, 6), List.copyOf(fs.pseudofsList().keySet()));
        assertErrno(Errno.EEXIST, () -> fs.createPseudofs(5, false, null));
        assertErrno(Errno.ENOENT, () -> fs.pseudofs(7));
        assertErrno(Errno.EINVAL, () -> fs.pseudofs(65536));
        assertErrno(Errno.EINVAL, () -> fs.stat("/@@-1:65536"));

        BlockDevice other = Devices.ram(64 * Devices.MB);
        HammerFs twin = HammerFs.newfs(other, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());
        assertEquals(m.uniqueUuid(), twin.createPseudofs(5, false, null).uniqueUuid(),
                "the same volume made the same way gives the same UUIDs");
    }

    /** hammer_get_inode: a slave's inodes are HAMMER_INODE_RO, so every change is EROFS. */
    @Test
    void aSlaveIsReadOnly() {
        fs.createPseudofs(1, false, null);
        fs.create(pfs(1) + "/f");
        fs.write(pfs(1) + "/f", 0, bytes("master data"));
        fs.downgradePseudofs(1);
        assertTrue(fs.pseudofs(1).slave());
        assertArrayEquals(bytes("master data"), fs.read(pfs(1) + "/f", 0, 100), "the downgrade kept the data");
        assertErrno(Errno.EROFS, () -> fs.write(pfs(1) + "/f", 0, bytes("x")));
        assertErrno(Errno.EROFS, () -> fs.create(pfs(1) + "/g"));
        assertErrno(Errno.EROFS, () -> fs.unlink(pfs(1) + "/f"));
        long f = fs.lookup(pfs(1) + "/f");
        assertErrno(Errno.EROFS, () -> fs.write(f, 0, bytes("x")));
        assertErrno(Errno.EROFS, () -> fs.create(Localization.root(1), "g", 2, 0644, 0, 0, 0));
        assertErrno(Errno.EROFS, () -> fs.truncate(f, 0));
    }

    /**
     * hammer_vop_readlink/hammer_get_inode: a slave is viewed as of its sync_end_tid, so records a mirror-write laid
     * down past it (a sync it did not finish) stay invisible; hammer_ioc_upgrade_pseudofs rolls them back
     * (hammer_pfs_rollback from sync_end_tid + 1) before the slave becomes a master.
     */
    @Test
    void aSlaveShowsItsContentAsOfSyncEndTidAndAnUpgradeRollsBackPastIt() {
        fs.createPseudofs(1, false, null);
        fs.create(pfs(1) + "/f");
        fs.write(pfs(1) + "/f", 0, bytes("old bytes"));
        long t1 = fs.sync();
        fs.write(pfs(1) + "/f", 0, bytes("NEW BYTES, longer"));
        fs.create(pfs(1) + "/late");
        fs.sync();
        fs.setPseudofs(1, fs.pseudofs(1).withFlags(PseudoFsData.SLAVE).withSyncEndTid(t1));

        assertArrayEquals(bytes("old bytes"), fs.read(pfs(1) + "/f", 0, 100));
        assertFalse(fs.exists(pfs(1) + "/late"));
        assertArrayEquals(bytes("NEW BYTES, longer"), fs.read(String.format("/@@0x%016x:00001/f", fs.lastTid()), 0,
                100), "an explicit TID still reads past sync_end_tid");
        remount();
        assertArrayEquals(bytes("old bytes"), fs.read(pfs(1) + "/f", 0, 100));

        fs.upgradePseudofs(1);
        assertFalse(fs.pseudofs(1).slave());
        assertArrayEquals(bytes("old bytes"), fs.read(pfs(1) + "/f", 0, 100), "the partial sync was rolled back");
        assertFalse(fs.exists(pfs(1) + "/late"));
        assertTrue(fs.objects().pfsRecords(1).stream().allMatch(e -> Long.compareUnsigned(e.createTid(), t1) <= 0),
                "nothing created after sync_end_tid remains");
        fs.write(pfs(1) + "/f", 0, bytes("master again"));
        remount();
        assertArrayEquals(bytes("master again"), fs.read(pfs(1) + "/f", 0, 100));
    }

    /** hammer_ioc_downgrade_pseudofs sets SLAVE and raises sync_end_tid; upgrade of a slave clears it. */
    @Test
    void upgradeAndDowngradeChangeTheModeAndRefuseWhatDragonFlyRefuses() {
        fs.createPseudofs(3, false, null);
        assertErrno(Errno.EINVAL, () -> fs.upgradePseudofs(3));
        fs.downgradePseudofs(3);
        PseudoFsData slave = fs.pseudofs(3);
        assertTrue(slave.slave());
        assertTrue(Long.compareUnsigned(slave.syncEndTid(), 1) > 0, "sync_end_tid rose to the flush TID");
        assertErrno(Errno.EINVAL, () -> fs.downgradePseudofs(3));
        fs.upgradePseudofs(3);
        assertFalse(fs.pseudofs(3).slave());
        assertErrno(Errno.EINVAL, () -> fs.upgradePseudofs(0));
        assertErrno(Errno.EINVAL, () -> fs.downgradePseudofs(0));
        assertErrno(Errno.EINVAL, () -> fs.destroyPseudofs(0));
        assertErrno(Errno.ENOENT, () -> fs.upgradePseudofs(9));
        assertErrno(Errno.EINVAL, () -> fs.downgradePseudofs(-1));
    }

    /** hammer_ioc_destroy_pseudofs: every record of the PFS goes (history too); its id is free again. */
    @Test
    void destroyRemovesEveryRecordOfThePfsAndNothingElse() {
        fs.createPseudofs(4, false, null);
        fs.mkdir(pfs(4) + "/d");
        fs.create(pfs(4) + "/d/f");
        fs.write(pfs(4) + "/d/f", 0, new byte[200_000]);
        fs.sync();
        fs.unlink(pfs(4) + "/d/f");
        fs.create("/keep");
        fs.write("/keep", 0, bytes("pfs 0 data"));
        fs.sync();
        long free = fs.volume().header().statFreeBigBlocks();
        assertFalse(fs.objects().pfsRecords(4).isEmpty());
        int removed = fs.destroyPseudofs(4);
        assertTrue(removed >= 6, "root, d, f, entries, data, with history: " + removed);
        assertEquals(List.of(), fs.objects().pfsRecords(4));
        assertErrno(Errno.ENOENT, () -> fs.pseudofs(4));
        assertErrno(Errno.ENOENT, () -> fs.stat(pfs(4)));
        remount();
        assertEquals(List.of(), fs.objects().pfsRecords(4));
        assertArrayEquals(bytes("pfs 0 data"), fs.read("/keep", 0, 100));
        fs.prune(PrunePolicy.everything());
        fs.reblock(100);
        assertTrue(fs.volume().header().statFreeBigBlocks() >= free, "the PFS's space came back");
        fs.createPseudofs(4, false, null);
        assertEquals(List.of(), fs.readdir(pfs(4)), "a reused id starts empty");
    }

    /** The PFS record and the root inode of a new PFS are written by one flush group: a crash keeps both or neither. */
    @Test
    void aPfsSurvivesACrashWholeOrNotAtAll() {
        for (boolean committed : new boolean[] {false, true}) {
            BlockDevice d = Devices.ram(32 * Devices.MB);
            Cutter cutter = new Cutter(d);
            HammerFs f = HammerFs.newfs(d, new NewfsOptions(64 * Devices.KB, 8), MountOptions.defaults()
                    .withObserver(cutter));
            f.createPseudofs(1, false, null);
            f.create(pfs(1) + "/f");
            f.write(pfs(1) + "/f", 0, bytes("synced"));
            f.sync();
            cutter.arm(committed ? FlushPhase.RETIRED : FlushPhase.HEADER_WRITTEN, 1);
            assertThrows(Cutter.PowerCut.class, () -> f.createPseudofs(2, true, null));
            HammerFs after = HammerFs.mount(d, MountOptions.defaults());
            TreeChecker.check(after.btree());
            Checks.assertClean(after);
            assertArrayEquals(bytes("synced"), after.read(pfs(1) + "/f", 0, 100));
            assertFalse(after.pseudofs(1).slave());
            if (committed) {
                assertTrue(after.pseudofs(2).slave());
            } else {
                assertErrno(Errno.ENOENT, () -> after.pseudofs(2));
            }
        }
    }
}
