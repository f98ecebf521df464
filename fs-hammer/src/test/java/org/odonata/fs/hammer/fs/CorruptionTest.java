package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.odonata.fs.hammer.fs.FileApiTest.bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.btree.BTreeElement;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.flush.FlushPhase;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Cutter;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.volume.Volume;

class CorruptionTest {

    private static final long SIZE = 4 * Devices.MB;

    private final BlockDevice dev = Devices.ram(SIZE);

    private HammerFs populated() {
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 4), MountOptions.defaults());
        fs.mkdir("/d");
        for (int i = 0; i < 80; i++) {
            fs.create("/d/f" + i);
            fs.write("/d/f" + i, 0, bytes("file " + i));
        }
        fs.create("/big");
        fs.write("/big", 0, new byte[40_000]);
        fs.sync();
        return fs;
    }

    private static void flip(BlockDevice d, long deviceOffset, int bit) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        long block = deviceOffset & -4096;
        d.read(block, b);
        byte[] bytes = b.array();
        bytes[(int) (deviceOffset - block)] ^= (byte) (1 << bit);
        d.write(block, ByteBuffer.wrap(bytes), true);
    }

    private long device(HammerFs fs, long zoneOffset) {
        return fs.volume().deviceOffset(zoneOffset, 1, "test");
    }

    @Test
    void aCorruptRootNodeIsRefusedAtMountNamingTheNodeAndItsOffset() {
        HammerFs fs = populated();
        long root = fs.volume().header().btreeRoot();
        flip(dev, device(fs, root) + 100, 3);
        var e = assertThrows(HammerCorruptionException.class, () -> HammerFs.mount(dev, MountOptions.defaults()));
        assertEquals("B-tree node", e.structure());
        assertEquals(root, e.offset());
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void corruptFileDataFailsTheReadWithTheRecordsDataCrc() {
        HammerFs fs = populated();
        BTreeElement extent = fs.objects().extentAt(fs.lookup("/d/f7"), 0, -1L);
        flip(dev, device(fs, extent.dataOffset()), 0);
        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        var e = assertThrows(HammerCorruptionException.class, () -> again.read("/d/f7", 0, 10));
        assertEquals("record data", e.structure());
        assertEquals(extent.dataOffset(), e.offset());
        assertTrue(e.check().contains("data_crc"), e.getMessage());
    }

    @Test
    void aCorruptFreemapEntryIsReportedWhenTheAllocatorReadsIt() {
        HammerFs fs = populated();
        long l2 = fs.blockmap().layer2Offset(fs.volume().bigBlocks() - 1);
        flip(dev, device(fs, l2) + 4, 1);
        HammerFs again = HammerFs.mount(dev, MountOptions.defaults());
        var e = assertThrows(HammerCorruptionException.class,
                () -> again.blockmap().forEachBigBlock(b -> { }));
        assertEquals("freemap layer2 entry", e.structure());
        assertEquals(l2, e.offset());
    }

    @Test
    void aCorruptUndoRecordInsideTheHeadersSpanIsRefused() {
        Cutter cutter = new Cutter(dev);
        HammerFs fs = HammerFs.newfs(dev, new NewfsOptions(64 * Devices.KB, 4), MountOptions.defaults().withObserver(cutter));
        fs.create("/a");
        fs.sync();
        fs.create("/b");
        cutter.arm(FlushPhase.HEADER_WRITTEN, 1);
        assertThrows(Cutter.PowerCut.class, fs::sync);
        long first = ZoneOffset.offset(Volume.readHeader(dev).blockmap(ZoneOffset.UNDO).firstOffset());
        flip(dev, fs.volume().deviceOffset(ZoneOffset.encode(ZoneOffset.UNDO, 0, first), 1, "test") + 40, 2);
        var e = assertThrows(HammerCorruptionException.class, () -> HammerFs.mount(dev, MountOptions.defaults()));
        assertEquals("UNDO/REDO record", e.structure());
        assertTrue(e.getMessage().contains("record CRC mismatch"), e.getMessage());
    }

    @Test
    void randomBitFlipsAreRefusedOrReadCleanlyNeverAnotherException() {
        populated().close();
        byte[] image = new byte[(int) SIZE];
        dev.read(0, ByteBuffer.wrap(image));
        List<Integer> used = new ArrayList<>();
        for (int b = 0; b < image.length / 4096; b++) {
            for (int i = b * 4096; i < (b + 1) * 4096; i++) {
                if (image[i] != 0) {
                    used.add(b);
                    break;
                }
            }
        }
        Random rnd = new Random(42);
        int refused = 0;
        for (int round = 0; round < 150; round++) {
            byte[] copy = image.clone();
            for (int flips = 1 + rnd.nextInt(3); flips > 0; flips--) {
                int block = used.get(rnd.nextInt(used.size()));
                copy[block * 4096 + rnd.nextInt(4096)] ^= (byte) (1 << rnd.nextInt(8));
            }
            BlockDevice d = Devices.ram(SIZE);
            d.write(0, ByteBuffer.wrap(copy), true);
            try {
                HammerFs fs = HammerFs.mount(d, MountOptions.defaults().asReadOnly());
                for (DirEntry e : fs.readdir("/d")) {
                    fs.read("/d/" + e.name(), 0, 100);
                }
                fs.read("/big", 0, 40_000);
                fs.blockmap().forEachBigBlock(b -> { });
            } catch (HammerException expected) {
                refused++;
            } catch (RuntimeException other) {
                fail("round " + round + ": " + other, other);
            }
        }
        assertTrue(refused > 0);
    }
}
