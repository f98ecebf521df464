package org.odonata.hw.x86.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.hw.x86.disk.DiskDataTest.pattern;
import static org.odonata.hw.x86.disk.DiskDataTest.read;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DeviceStats;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;

/** Volatile write cache semantics: what survives a power cut. */
class WriteCacheTest {

    static BlockDevice cached(String name) {
        return Disks.open(new DiskSpec(name, DiskKind.SATA_SSD, DiskDataTest.MIB, 512, null, true), null);
    }

    @Test
    void unflushedWriteIsReadableThenLostOnPowerCut() {
        try (BlockDevice disk = cached("c0")) {
            byte[] data = pattern(1024, 5);
            disk.write(2048, ByteBuffer.wrap(data), false);
            assertArrayEquals(data, read(disk, 2048, 1024), "reads see the cache");
            disk.powerCut();
            assertArrayEquals(new byte[1024], read(disk, 2048, 1024));
        }
    }

    @Test
    void flushedWriteSurvivesPowerCut(@TempDir Path dir) {
        DiskSpec spec = new DiskSpec("c1", DiskKind.HDD, DiskDataTest.MIB, 512, dir.resolve("c1").toString(), true);
        byte[] data = pattern(4096, 2);
        try (BlockDevice disk = Disks.open(spec, null)) {
            disk.write(0, ByteBuffer.wrap(data), false);
            disk.flush();
            disk.write(8192, ByteBuffer.wrap(data), false);
            disk.powerCut();
            assertArrayEquals(data, read(disk, 0, 4096));
            assertArrayEquals(new byte[4096], read(disk, 8192, 4096));
        }
        try (BlockDevice disk = Disks.open(spec, null)) {
            assertArrayEquals(data, read(disk, 0, 4096), "flushed data reached the file");
        }
    }

    @Test
    void fuaWriteSurvivesAndSupersedesOlderDirtyData() {
        try (BlockDevice disk = cached("c2")) {
            byte[] old = pattern(512, 1);
            byte[] fua = pattern(512, 2);
            disk.write(0, ByteBuffer.wrap(old), false);
            disk.write(0, ByteBuffer.wrap(fua), true);
            disk.powerCut();
            assertArrayEquals(fua, read(disk, 0, 512));
            disk.write(512, ByteBuffer.wrap(old), false);
            disk.write(512, ByteBuffer.wrap(fua), true);
            disk.flush();
            assertArrayEquals(fua, read(disk, 512, 512), "a flush does not resurrect stale dirty data");
        }
    }

    @Test
    void readMergesDirtySectorsOverDurableOnes() {
        try (BlockDevice disk = cached("c3")) {
            byte[] durable = pattern(1536, 4);
            disk.write(0, ByteBuffer.wrap(durable), true);
            byte[] dirty = pattern(512, 8);
            disk.write(512, ByteBuffer.wrap(dirty), false);
            byte[] expected = durable.clone();
            System.arraycopy(dirty, 0, expected, 512, 512);
            assertArrayEquals(expected, read(disk, 0, 1536));
        }
    }

    @Test
    void withoutWriteCacheEveryCompletedWriteIsDurable() {
        try (BlockDevice disk = Disks.open(new DiskSpec("c4", DiskKind.NVME, DiskDataTest.MIB, 512, null, false),
                null)) {
            byte[] data = pattern(512, 6);
            disk.write(0, ByteBuffer.wrap(data), false);
            disk.powerCut();
            assertArrayEquals(data, read(disk, 0, 512));
        }
    }

    @Test
    void statsCountRequestsAndBytes() {
        try (BlockDevice disk = cached("c5")) {
            disk.write(0, ByteBuffer.allocate(1024), false);
            disk.write(1024, ByteBuffer.allocate(512), true);
            disk.read(0, ByteBuffer.allocate(2048));
            disk.flush();
            DeviceStats s = disk.stats();
            assertEquals(new DeviceStats(1, 2, 1, 1, 2048, 1536, s.busyNanos()), s);
            assertTrue(s.busyNanos() > 0);
        }
    }
}
