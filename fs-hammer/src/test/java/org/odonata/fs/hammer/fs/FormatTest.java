package org.odonata.fs.hammer.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.error.HammerCorruptionException;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.testing.Devices;
import org.odonata.fs.hammer.testing.TreeChecker;
import org.odonata.fs.hammer.volume.Volume;

class FormatTest {

    @Test
    void formattedHeaderReadsBackWithItsGeometryZonesAndAnEmptyRootLeaf() {
        BlockDevice dev = Devices.ram(64 * Devices.MB);
        BareVolume bare = BareVolume.format(dev, 64 * Devices.KB);
        VolumeHeader h = Volume.readHeader(dev);
        assertEquals(64 * Devices.KB, h.bigBlockSize());
        assertEquals((64 * Devices.MB - Volume.BUF_BEG) / (64 * Devices.KB), h.statBigBlocks());
        assertEquals(ZoneOffset.BTREE, ZoneOffset.zone(h.btreeRoot()));
        assertEquals(ZoneOffset.offset(h.blockmap(ZoneOffset.UNDO).firstOffset()),
                ZoneOffset.offset(h.blockmap(ZoneOffset.UNDO).nextOffset()), "the FIFO starts empty");
        assertTrue(h.statFreeBigBlocks() < h.statBigBlocks());
        assertEquals(0, TreeChecker.check(bare.tree()));
        int[] zones = new int[16];
        bare.blockmap().forEachBigBlock(b -> zones[b.layer2().zone()]++);
        assertEquals(1, zones[ZoneOffset.BTREE], "one big-block holds the root leaf");
        assertTrue(zones[ZoneOffset.UNDO] >= 2);
        assertEquals(h.statFreeBigBlocks(), zones[0]);
    }

    @Test
    void aFourGigabyteSparseVolumeFormatsAndMountsWritingOnlyAFewBlocks() {
        BlockDevice dev = Devices.ram(4L * 1024 * Devices.MB);
        try (HammerFs fs = HammerFs.newfs(dev, NewfsOptions.defaults(), MountOptions.defaults())) {
            fs.mkdir("/d");
        }
        try (HammerFs fs = HammerFs.mount(dev, MountOptions.defaults())) {
            assertTrue(fs.stat("/d").isDirectory());
        }
        assertTrue(dev.stats().bytesWritten() < 4 * Devices.MB, "wrote " + dev.stats().bytesWritten());
    }

    @Test
    void aWrongSignatureIsRefusedNamingTheHeader() {
        BlockDevice dev = Devices.ram(16 * Devices.MB);
        BareVolume.format(dev, 64 * Devices.KB);
        dev.write(0, ByteBuffer.wrap(patch(dev, 0, (byte) 'X')), true);
        var e = assertThrows(HammerCorruptionException.class, () -> Volume.readHeader(dev));
        assertEquals("volume header", e.structure());
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void aFlippedHeaderBitFailsTheHeaderCrc() {
        BlockDevice dev = Devices.ram(16 * Devices.MB);
        BareVolume.format(dev, 64 * Devices.KB);
        byte[] block = read(dev, 0);
        block[64] ^= 0x10;
        dev.write(0, ByteBuffer.wrap(block), true);
        var e = assertThrows(HammerCorruptionException.class, () -> HammerFs.mount(dev, MountOptions.defaults()));
        assertTrue(e.getMessage().startsWith("volume header at 0x"), e.getMessage());
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void aTruncatedImageIsRefusedNamingTheVolumeSize() {
        BlockDevice dev = Devices.ram(16 * Devices.MB);
        BareVolume.format(dev, 64 * Devices.KB);
        BlockDevice shorter = Devices.ram(8 * Devices.MB);
        shorter.write(0, ByteBuffer.wrap(read(dev, 0)), true);
        var e = assertThrows(HammerCorruptionException.class, () -> HammerFs.mount(shorter, MountOptions.defaults()));
        assertTrue(e.getMessage().contains("exceeds the device size"), e.getMessage());
    }

    @Test
    void aDeviceTooSmallForAVolumeIsRejectedByNewfs() {
        assertThrows(IllegalArgumentException.class,
                () -> HammerFs.newfs(Devices.ram(256 * Devices.KB), NewfsOptions.withBigBlock(64 * Devices.KB),
                        MountOptions.defaults()));
    }

    static byte[] read(BlockDevice dev, long offset) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        dev.read(offset, b);
        return b.array();
    }

    private static byte[] patch(BlockDevice dev, int at, byte value) {
        byte[] block = read(dev, 0);
        block[at] = value;
        return block;
    }
}
