package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.odonata.fs.hammer.fs.FileApiTest.bytes;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTree;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.object.DirHash;
import org.odonata.fs.hammer.object.Localization;
import org.odonata.fs.hammer.object.ObjectStore;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.testing.Checks;
import org.odonata.fs.hammer.testing.Collisions;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Cutter.PowerCut;
import org.odonata.fs.hammer.testing.Devices;

/**
 * The directory hash per directory, as DragonFly keeps it in cap_flags (hammer_create_inode, newfs_hammer): a new
 * volume is version 8 and its directories hash with ALG1; a version 7 volume keeps ALG0 for every directory; names
 * sharing a namekey take the keys above it (hammer_ip_add_direntry) and a lookup scans that range
 * (hammer_vop_nresolve).
 */
class DirectoryHashTest {

    private final BlockDevice dev = Devices.ram(64 * Devices.MB);

    private static HammerFs newfs(BlockDevice dev, int version) {
        return HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB).withVersion(version),
                MountOptions.defaults());
    }

    /** The on-disk keys of a directory's live entries, by name. */
    private static Map<String, Long> keys(HammerFs fs, long dir) {
        Map<String, Long> out = new TreeMap<>();
        DirHash h = fs.attributes(dir).dirHash();
        for (ObjectStore.EntryRecord r : fs.objects().entries(dir, h, BTree.AS_OF_NOW)) {
            out.put(r.name(), r.element().key());
        }
        return out;
    }

    @Test
    void aNewVolumeIsVersion8AndEveryDirectoryItMakesHashesWithAlg1() {
        HammerFs fs = HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());
        assertEquals(VolumeHeader.VERSION_DIRHASH_ALG1, fs.volume().header().version());
        assertEquals(DirHash.ALG1, fs.attributes(RecordType.ROOT_OBJID).dirHash());
        long d = fs.mkdir("/d");
        long f = fs.create("/d/x.tmp");
        fs.createPseudofs(1, false, null);
        assertEquals(DirHash.ALG1, fs.attributes(d).dirHash());
        assertEquals(DirHash.ALG1, fs.attributes(Localization.root(1)).dirHash(), "hammer_mkroot_pseudofs");
        assertEquals(0, fs.attributes(f).capFlags(), "only directories get a hash");
        fs.sync();
        assertEquals(Map.of("x.tmp", DirHash.ALG1.namekey("x.tmp")), keys(fs, d));
        fs.rename("/d/x.tmp", "/d/x");
        fs.sync();
        assertEquals(Map.of("x", DirHash.ALG1.namekey("x")), keys(fs, d));
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults());
        assertEquals(VolumeHeader.VERSION_DIRHASH_ALG1, fs.volume().header().version());
        assertEquals(f, fs.lookup("/d/x"));
        Checks.assertClean(fs);
        fs.close();
    }

    @Test
    void aVersion7VolumeStaysVersion7WithAlg0Directories() {
        HammerFs fs = newfs(dev, 7);
        long d = fs.mkdir("/d");
        fs.create("/d/README.md");
        fs.write("/d/README.md", 0, bytes("v7"));
        fs.sync();
        assertEquals(DirHash.ALG0, fs.attributes(RecordType.ROOT_OBJID).dirHash());
        assertEquals(DirHash.ALG0, fs.attributes(d).dirHash());
        assertEquals(Map.of("README.md", DirHash.ALG0.namekey("README.md")), keys(fs, d));
        fs.createPseudofs(1, false, null);
        assertEquals(DirHash.ALG0, fs.attributes(Localization.root(1)).dirHash(), "a PFS root as any directory");
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults());
        assertEquals(7, fs.volume().header().version(), "writing never upgrades the volume");
        assertArrayEquals(bytes("v7"), fs.read("/d/README.md", 0, 10));
        Checks.assertClean(fs);
        fs.close();
    }

    @ParameterizedTest(name = "volume version {0}")
    @ValueSource(ints = {7, 8})
    void namesSharingANamekeyTakeTheKeysAboveItAndAreEachFound(int version) {
        HammerFs fs = newfs(dev, version);
        DirHash h = version >= VolumeHeader.VERSION_DIRHASH_ALG1 ? DirHash.ALG1 : DirHash.ALG0;
        List<String> names = Collisions.names(h, h == DirHash.ALG1 ? 3 : 2);
        long base = h.namekey(names.get(0));
        long d = fs.mkdir("/d");
        fs.create("/d/other");
        for (String n : names) {
            fs.create("/d/" + n);
            fs.write("/d/" + n, 0, bytes(n));
        }
        long before = fs.sync();
        Map<String, Long> keys = keys(fs, d);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            expected.add(base + i);
        }
        assertEquals(new TreeSet<>(expected), new TreeSet<>(names.stream().map(keys::get).toList()), names::toString);
        fs.close();
        fs = HammerFs.mount(dev, MountOptions.defaults());
        for (String n : names) {
            assertArrayEquals(bytes(n), fs.read("/d/" + n, 0, 100), n);
        }
        String first = names.stream().filter(n -> keys.get(n) == base).findFirst().orElseThrow();
        fs.unlink("/d/" + first);
        fs.sync();
        assertFalse(fs.exists("/d/" + first));
        for (String n : names) {
            if (!n.equals(first)) {
                assertArrayEquals(bytes(n), fs.read("/d/" + n, 0, 100), n + " past a freed key");
            }
        }
        assertArrayEquals(bytes(first), fs.read("/d/" + first + String.format("@@0x%016x", before), 0, 100),
                "the removed name as of before");
        fs.create("/d/" + first);
        fs.sync();
        assertEquals(base, keys(fs, d).get(first), "a new entry takes the first free key");
        assertEquals(names.size() + 1, fs.readdir("/d").size());
        Checks.assertClean(fs);
        fs.close();
    }

    /**
     * Recovery of a version 7 volume: a power cut after the metadata of a flush of colliding ALG0 names reached the
     * disk undoes the group (or, after it retired, keeps it), and the volume stays version 7 with ALG0 directories.
     */
    @ParameterizedTest(name = "cut after {0}")
    @EnumSource(value = FlushPhase.class, names = {"METADATA_WRITTEN", "RETIRED"})
    void aVersion7VolumeRecoversItsCollidingEntries(FlushPhase phase) {
        BlockDevice cached = Devices.cached(32 * Devices.MB);
        Cutter cutter = new Cutter(cached);
        HammerFs fs = HammerFs.newfs(cached, new NewfsOptions(64 * Devices.KB, 8).withVersion(7),
                MountOptions.defaults().withObserver(cutter));
        List<String> names = Collisions.names(DirHash.ALG0, 2);
        long d = fs.mkdir("/d");
        fs.create("/d/" + names.get(0));
        fs.sync();
        fs.create("/d/" + names.get(1));
        cutter.arm(phase, 1);
        assertThrows(PowerCut.class, fs::sync);
        fs = HammerFs.mount(cached, MountOptions.defaults());
        Checks.assertClean(fs);
        assertEquals(7, fs.volume().header().version());
        boolean committed = phase == FlushPhase.RETIRED;
        long base = DirHash.ALG0.namekey(names.get(0));
        assertEquals(committed ? Map.of(names.get(0), base, names.get(1), base + 1) : Map.of(names.get(0), base),
                keys(fs, d));
        fs.create("/d/" + names.get(1) + (committed ? "x" : ""));
        fs.sync();
        assertEquals(DirHash.ALG0, fs.attributes(d).dirHash());
        Checks.assertClean(fs);
        fs.close();
    }

    /**
     * A name gets its directory key when it is made (hammer_ip_add_direntry), so readdir cookies do not move: not when
     * the entry is flushed, and not when another name of its collision chain goes, pending or flushed.
     */
    @Test
    void aDirectoryKeyIsGivenAtCreationAndKeptThroughRemovalsAndFlushes() {
        HammerFs fs = HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());
        List<String> names = Collisions.names(DirHash.ALG1, 3);
        long base = DirHash.ALG1.namekey(names.get(0));
        long d = fs.mkdir("/d");
        for (String n : names) {
            fs.create("/d/" + n);
        }
        Map<Long, String> pending = new TreeMap<>();
        fs.directory(d, BTree.AS_OF_NOW).forEach((k, e) -> pending.put(k, e.name()));
        assertEquals(Map.of(base, names.get(0), base + 1, names.get(1), base + 2, names.get(2)), pending,
                "keys in creation order");
        fs.unlink("/d/" + names.get(0));
        Map<Long, String> after = new TreeMap<>();
        fs.directory(d, BTree.AS_OF_NOW).forEach((k, e) -> after.put(k, e.name()));
        assertEquals(Map.of(base + 1, names.get(1), base + 2, names.get(2)), after, "the others keep their keys");
        fs.sync();
        assertEquals(Map.of(names.get(1), base + 1, names.get(2), base + 2), keys(fs, d), "and are flushed under them");
        fs.create("/d/" + names.get(0));
        fs.unlink("/d/" + names.get(1));
        assertEquals(base, fs.directory(d, BTree.AS_OF_NOW).firstKey(), "the freed key is taken again");
        fs.sync();
        assertEquals(Map.of(names.get(0), base, names.get(2), base + 2), keys(fs, d));
        Checks.assertClean(fs);
        fs.close();
    }

    /**
     * The hash travels with the directory's inode, so a version 8 master's ALG1 directories and their colliding
     * entries mirror into a slave on a version 7 volume and are found there (hammer_mirror_write copies records).
     */
    @Test
    void alg1DirectoriesMirrorIntoAVersion7VolumeAndKeepTheirHash() {
        HammerFs master = HammerFs.newfs(dev, NewfsOptions.withBigBlock(64 * Devices.KB), MountOptions.defaults());
        master.createPseudofs(1, false, null);
        String m = "/@@-1:00001";
        master.mkdir(m + "/d");
        List<String> names = Collisions.names(DirHash.ALG1, 3);
        for (String n : names) {
            master.create(m + "/d/" + n);
            master.write(m + "/d/" + n, 0, bytes(n));
        }
        master.sync();
        BlockDevice otherDev = Devices.ram(64 * Devices.MB);
        HammerFs slave = newfs(otherDev, 7);
        slave.createPseudofs(7, true, master.pseudofs(1).sharedUuid());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        master.mirrorRead(1, 0, stream);
        slave.mirrorWrite(7, stream.toByteArray());
        slave.close();
        slave = HammerFs.mount(otherDev, MountOptions.defaults());
        String s = "/@@-1:00007";
        assertEquals(DirHash.ALG1, slave.attributes(slave.lookup(s + "/d"), slave.pseudofs(7).syncEndTid())
                .dirHash());
        for (String n : names) {
            assertArrayEquals(bytes(n), slave.read(s + "/d/" + n, 0, 100), n);
        }
        Checks.assertClean(slave);
        slave.close();
        master.close();
    }
}
