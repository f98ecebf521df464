package org.odonata.hw.x86.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;

/** Data paths of both backends, synchronously (no engine). */
class DiskDataTest {

    static final long MIB = 1024 * 1024;

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static byte[] read(BlockDevice disk, long offset, int length) {
        ByteBuffer dst = ByteBuffer.allocate(length);
        disk.read(offset, dst);
        assertEquals(length, dst.position(), "read advances the buffer");
        return dst.array();
    }

    @Test
    void memoryRoundTrip() {
        try (BlockDevice disk = Disks.open(new DiskSpec("md0", DiskKind.RAM, 4 * MIB, 512, null, false), null)) {
            byte[] data = pattern(3 * 512, 7);
            ByteBuffer src = ByteBuffer.wrap(data);
            disk.write(MemoryStorage.CHUNK - 512, src, false);  // straddles a chunk boundary
            assertEquals(0, src.remaining(), "write consumes the buffer");
            assertArrayEquals(data, read(disk, MemoryStorage.CHUNK - 512, data.length));
        }
    }

    @Test
    void fileRoundTripPersistsAcrossReopen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("da0.img");
        DiskSpec spec = new DiskSpec("da0", DiskKind.SATA_SSD, 8 * MIB, 4096, file.toString(), false);
        byte[] data = pattern(8192, 3);
        try (BlockDevice disk = Disks.open(spec, null)) {
            assertEquals(8 * MIB, Files.size(file), "created at the device size");
            disk.write(4096, ByteBuffer.wrap(data), false);
        }
        try (BlockDevice disk = Disks.open(spec, null)) {
            assertArrayEquals(data, read(disk, 4096, data.length));
            assertArrayEquals(new byte[4096], read(disk, 8 * MIB - 4096, 4096));
        }
    }

    @Test
    void sparseFourGibMemoryDeviceAllocatesOnlyWrittenChunks() {
        long size = 4L * 1024 * MIB;
        MemoryStorage storage = new MemoryStorage();
        try (SimulatedDisk disk = new SimulatedDisk(new DiskSpec("md1", DiskKind.RAM, size, 512, null, false), null,
                storage)) {
            byte[] data = pattern(512, 1);
            disk.write(size - 512, ByteBuffer.wrap(data), false);
            disk.write(0, ByteBuffer.wrap(data), false);
            assertArrayEquals(data, read(disk, size - 512, 512));
            assertArrayEquals(new byte[1024], read(disk, 2L * 1024 * MIB, 1024));
            assertEquals(2, storage.allocatedChunks());
        }
    }

    @Test
    void unwrittenRangesReadAsZeros(@TempDir Path dir) {
        DiskSpec mem = new DiskSpec("md2", DiskKind.RAM, MIB, 512, null, false);
        DiskSpec file = new DiskSpec("da1", DiskKind.RAM, MIB, 512, dir.resolve("x").toString(), false);
        for (DiskSpec spec : new DiskSpec[] {mem, file}) {
            try (BlockDevice disk = Disks.open(spec, null)) {
                disk.write(1024, ByteBuffer.wrap(pattern(512, 9)), false);
                byte[] got = read(disk, 512, 1536);
                assertArrayEquals(new byte[512], Arrays.copyOfRange(got, 0, 512), spec.name());
                assertArrayEquals(new byte[512], Arrays.copyOfRange(got, 1024, 1536), spec.name());
            }
        }
    }

    @Test
    void misalignedOrOutOfRangeRequestsNameDeviceOffsetLengthAndSize() {
        try (BlockDevice disk = Disks.open(new DiskSpec("da7", DiskKind.HDD, MIB, 512, null, false), null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> disk.read(100, ByteBuffer.allocate(512)));
            assertMentions(e, "da7", "offset 100", "length 512", "sector size 512", String.valueOf(MIB));
            e = assertThrows(IllegalArgumentException.class, () -> disk.write(0, ByteBuffer.allocate(100), false));
            assertMentions(e, "da7", "offset 0", "length 100", String.valueOf(MIB));
            e = assertThrows(IllegalArgumentException.class, () -> disk.read(MIB, ByteBuffer.allocate(512)));
            assertMentions(e, "da7", "offset " + MIB, "length 512", "outside the device of " + MIB + " bytes");
            e = assertThrows(IllegalArgumentException.class, () -> disk.read(-512, ByteBuffer.allocate(512)));
            assertMentions(e, "da7", "offset -512", "outside");
            assertEquals(0, disk.stats().reads() + disk.stats().writes(), "rejected requests are not counted");
        }
    }

    @Test
    void closedDeviceRefusesRequests() {
        BlockDevice disk = Disks.open(new DiskSpec("da8", DiskKind.RAM, MIB, 512, null, false), null);
        disk.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> disk.read(0, ByteBuffer.allocate(512)));
        assertTrue(e.getMessage().contains("da8"), e.getMessage());
    }

    static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
        }
    }
}
