package org.odonata.fs.hammer.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.btree.BTreeNode;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.object.RecordType;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.Workloads;

/**
 * CRC-valid lies on an image (the audit's crafted cases R6, R7, R8, R10): each is refused or named where it
 * is, before it can cost acknowledged data, and {@link HammerCheck#image} names it on an image that will not mount.
 */
class CraftedImageTest {

    private static final long BB = 64 * Devices.KB;

    private BlockDevice dev;
    private HammerFs fs;

    @BeforeEach
    void populate() {
        dev = Devices.ram(64 * Devices.MB);
        fs = HammerFs.newfs(dev, new NewfsOptions(BB, 8), MountOptions.defaults());
        Workloads.mixed(fs, 120);
    }

    private Injector unmounted() {
        fs.close();
        return new Injector(fs, dev);
    }

    private static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aNextTidRolledBackBelowTheTreeIsRefusedAtMount() {
        long next = fs.volume().header().nextTid();
        Injector inj = unmounted();
        inj.editHeader(buf -> buf.putLong(720, 3));
        HammerCorruptionException e = assertThrows(HammerCorruptionException.class,
                () -> HammerFs.mount(dev, MountOptions.defaults()));
        assertEquals("volume header", e.structure());
        assertTrue(e.check().contains("next TID 0x0000000000000003 is not above"), e.getMessage());
        inj.editHeader(buf -> buf.putLong(720, next));
        HammerFs.mount(dev, MountOptions.defaults()).close();
    }

    @Test
    void aFreemapThatCallsLiveDataFreeIsCaughtBeforeAnythingIsOverwritten() {
        byte[] b = random(300_000, 1);
        fs.create("/b");
        fs.write("/b", 0, b);
        fs.sync();
        for (int i = 0; ZoneOffset.offset(fs.volume().header().blockmap(ZoneOffset.LARGE_DATA).nextOffset()) % BB == 0;
                i++) {
            fs.create("/pad" + i);
            fs.write("/pad" + i, 0, new byte[16384]);
            fs.sync();
        }
        // The big-block the large-data zone appends into: the next large write goes there.
        long appending = ZoneOffset.offset(fs.volume().header().blockmap(ZoneOffset.LARGE_DATA).nextOffset()) / BB;
        Injector inj = unmounted();
        inj.lieFree(appending, BB);

        HammerFs lied = HammerFs.mount(dev, MountOptions.defaults());
        lied.create("/big");
        lied.write("/big", 0, random(300_000, 2));
        HammerException e = assertThrows(HammerException.class, lied::sync);
        assertTrue(e.getMessage().contains("marked free but the B-tree still reaches data in it"), e.getMessage());
        assertArrayEquals(b, lied.read("/b", 0, b.length), "the live data was not overwritten");
        CheckReport r = HammerCheck.run(lied);
        assertTrue(r.problems().stream().anyMatch(p -> p.check().contains("big-block " + appending + " is free")),
                r.problems().toString());
        assertEquals(300_000, lied.stat("/big").size(), "the new file stays pending, not lost");
        lied.discard();
        assertArrayEquals(b, HammerFs.mount(dev, MountOptions.defaults().asReadOnly()).read("/b", 0, b.length));
    }

    @Test
    void keysOutOfOrderInTheLeafOfTheRootInodeNameTheLeafAtMountAndOffline() {
        Injector inj = unmounted();
        Injector.Found root = inj.find(e -> e.recType() == RecordType.INODE && e.objId() == RecordType.ROOT_OBJID);
        int a = root.index() == 0 ? 0 : root.index() - 1;
        inj.editNode(root.node(), buf -> swap(buf, a, a + 1));
        HammerCorruptionException e = assertThrows(HammerCorruptionException.class,
                () -> HammerFs.mount(dev, MountOptions.defaults()));
        assertEquals("B-tree node", e.structure());
        assertEquals(root.node(), e.offset());
        assertTrue(e.check().contains("is not above element"), e.getMessage());

        CheckReport offline = HammerCheck.image(dev);
        assertFalse(offline.clean());
        assertTrue(offline.problems().stream().anyMatch(p -> p.offset() == root.node()
                && p.check().contains("is not above element")), offline.problems().toString());
    }

    @Test
    void aMountThatFindsNoRootInodeNamesTheStructuralFaultBehindIt() {
        Injector inj = unmounted();
        BTreeNode top = fs.btree().root();
        assertFalse(top.isLeaf(), "the workload builds a tree of more than one level");
        // The separator between the first two children moves below every key: searches for the root inode now go
        // to the second child. Keys stay in order, every CRC is valid.
        BTreeElement sep = top.element(1);
        long at = BTreeNode.HEADER + BTreeElement.SIZE;
        inj.editNode(top.offset(), buf -> buf.putInt((int) at + 36, 0).putLong((int) at, Long.MIN_VALUE + 1));
        HammerCorruptionException e = assertThrows(HammerCorruptionException.class,
                () -> HammerFs.mount(dev, MountOptions.defaults()));
        assertTrue(e.check().contains("mount found: root inode"), e.getMessage());
        assertFalse(e.structure().equals("root inode"), "the fault is named, not the symptom: " + e.getMessage());
        assertTrue(sep.objId() != Long.MIN_VALUE + 1);
    }

    @Test
    void aDirectoryEntryUnderAnotherNamesKeyIsNamedInsteadOfListedAndThenNotFound() {
        Injector inj = unmounted();
        Injector.Found x = inj.find(e -> e.recType() == RecordType.DIRENTRY && e.objId() == RecordType.ROOT_OBJID
                && e.live());
        Injector.Found y = inj.find(e -> e.recType() == RecordType.DIRENTRY && e.objId() == RecordType.ROOT_OBJID
                && e.live() && e.key() != x.element().key());
        pointAt(inj, x, y.element());
        pointAt(inj, y, x.element());
        HammerFs swapped = HammerFs.mount(dev, MountOptions.defaults().asReadOnly());
        HammerCorruptionException e = assertThrows(HammerCorruptionException.class, () -> swapped.readdir("/"));
        assertTrue(e.check().contains("does not hash to its record's key"), e.getMessage());
    }

    @Test
    void problemsPrintNamesWithControlCharactersEscaped() {
        fs.create("/evil\u001b[31mred");
        fs.sync();
        Problem p = new Problem("directory entry", 0, "name '/evil\u001b[31mred'");
        assertFalse(p.toString().contains("\u001b"), p.toString());
        assertTrue(p.toString().contains("\\x1b[31m"), p.toString());
        assertTrue(fs.exists("/evil\u001b[31mred"), "a control character is a legal name byte; it is only escaped");
    }

    /** Points a leaf element's data (offset, length, CRC) at another element's. */
    private static void pointAt(Injector inj, Injector.Found f, BTreeElement other) {
        int at = BTreeNode.HEADER + f.index() * BTreeElement.SIZE;
        inj.editNode(f.node(), buf -> buf.putLong(at + 48, other.dataOffset()).putInt(at + 56, other.dataLen())
                .putInt(at + 60, other.dataCrc()));
    }

    private static void swap(ByteBuffer buf, int i, int j) {
        byte[] a = new byte[BTreeElement.SIZE];
        byte[] b = new byte[BTreeElement.SIZE];
        buf.get(BTreeNode.HEADER + i * BTreeElement.SIZE, a);
        buf.get(BTreeNode.HEADER + j * BTreeElement.SIZE, b);
        buf.put(BTreeNode.HEADER + i * BTreeElement.SIZE, b);
        buf.put(BTreeNode.HEADER + j * BTreeElement.SIZE, a);
    }
}
