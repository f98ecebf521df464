package org.odonata.hw.x86.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.hw.x86.disk.ServiceModel.Op;

/** Service-time models and queueing, priced synchronously (no engine). */
class ServiceTimeTest {

    static final long GIB = 1024L * 1024 * 1024;

    static BlockDevice disk(DiskKind kind, boolean writeCache) {
        return Disks.open(new DiskSpec(kind.name(), kind, 16 * GIB, 512, null, writeCache), null);
    }

    @Test
    void hddSequentialReadsAreFarFasterThanRandomOnes() {
        long sequential;
        long random;
        try (BlockDevice disk = disk(DiskKind.HDD, false)) {
            for (int i = 0; i < 100; i++) {
                disk.read(i * 4096L, ByteBuffer.allocate(4096));
            }
            sequential = disk.stats().busyNanos();
        }
        try (BlockDevice disk = disk(DiskKind.HDD, false)) {
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < 100; i++) {
                disk.read(rnd.nextLong(16 * GIB / 4096) * 4096, ByteBuffer.allocate(4096));
            }
            random = disk.stats().busyNanos();
        }
        assertEquals(100 * 8 * HddModel.BLOCK_NANOS, sequential, "back-to-back sequential reads only transfer");
        assertTrue(random > 50 * sequential, "random " + random + " vs sequential " + sequential);
        long perRandomRead = random / 100;
        assertTrue(perRandomRead > 6_000_000 && perRandomRead < 20_000_000, "mean random read " + perRandomRead);
    }

    @Test
    void hddSeekGrowsWithDistanceBetweenTrackToTrackAndFullStroke() {
        HddModel hdd = new HddModel(16 * GIB);
        long lastBlock = 16 * GIB / HddModel.BLOCK - 1;
        assertEquals(0, hdd.seekNanos(0, HddModel.BLOCKS_PER_TRACK - 1), "same track");
        long near = hdd.seekNanos(0, HddModel.BLOCKS_PER_TRACK);
        long mid = hdd.seekNanos(0, lastBlock / 4);
        long full = hdd.seekNanos(0, lastBlock);
        assertTrue(near >= HddModel.TRACK_TO_TRACK_NANOS && near < 1_000_000, "near " + near);
        assertTrue(mid > near && full > mid, near + " " + mid + " " + full);
        assertEquals(HddModel.FULL_STROKE_NANOS, full);
        long quarter = HddModel.TRACK_TO_TRACK_NANOS
                + (HddModel.FULL_STROKE_NANOS - HddModel.TRACK_TO_TRACK_NANOS) / 2;
        assertTrue(Math.abs(mid - quarter) < 100_000, "a quarter stroke costs about half: " + mid);
    }

    @Test
    void hddRotationalLatencyIsTheWaitForTheTargetAngle() {
        HddModel hdd = new HddModel(16 * GIB);
        // head at block 0 at time 0; block 10 on the same track comes round after 10 blocks' time
        assertEquals(10 * HddModel.BLOCK_NANOS, hdd.service(Op.READ, 10 * 512, 512, 0).accessNanos());
        // head now after block 10, which passed at 11 blocks' time; one block later it missed block 10 again
        ServiceModel.Service missed = hdd.service(Op.READ, 10 * 512, 512, 12 * HddModel.BLOCK_NANOS);
        assertEquals(HddModel.ROTATION_NANOS - 2 * HddModel.BLOCK_NANOS, missed.accessNanos());
    }

    @Test
    void nvmeIsFasterThanSataSsdWhichIsFasterThanHdd() {
        for (int length : new int[] {4096, 1024 * 1024}) {
            long hdd = firstReadNanos(DiskKind.HDD, 512 * 1024 * 1024, length);
            long sata = firstReadNanos(DiskKind.SATA_SSD, 512 * 1024 * 1024, length);
            long nvme = firstReadNanos(DiskKind.NVME, 512 * 1024 * 1024, length);
            long ram = firstReadNanos(DiskKind.RAM, 512 * 1024 * 1024, length);
            assertTrue(hdd > sata && sata > nvme && nvme > ram, length + ": " + hdd + " " + sata + " " + nvme);
            assertEquals(0, ram);
        }
        assertEquals(80_000 + ServiceModel.transferNanos(4096, 530_000_000L),
                firstReadNanos(DiskKind.SATA_SSD, 0, 4096));
        assertEquals(20_000 + ServiceModel.transferNanos(4096, 3_000_000_000L),
                firstReadNanos(DiskKind.NVME, 0, 4096));
    }

    private static long firstReadNanos(DiskKind kind, long offset, int length) {
        try (BlockDevice disk = disk(kind, false)) {
            disk.read(offset, ByteBuffer.allocate(length));
            return disk.stats().busyNanos();
        }
    }

    @Test
    void sataSsdOverlapsThirtyTwoRequestsButSerialisesTheirTransfers() {
        DeviceQueue queue = new DeviceQueue(FlashModel.SATA_SSD);
        long single = 80_000 + ServiceModel.transferNanos(512, 530_000_000L);
        long last = 0;
        for (int i = 0; i < 32; i++) {
            last = Math.max(last, queue.submit(0, Op.READ, i * 512L, 512));
        }
        assertTrue(last < 2 * single, "32 concurrent reads took " + last + " vs one " + single);
        long thirtyThird = queue.submit(0, Op.READ, 0, 512);
        assertTrue(thirtyThird > single + 80_000, "the 33rd waits for a free slot: " + thirtyThird);
    }

    @Test
    void hddServesOneRequestAtATimeInArrivalOrder() {
        DeviceQueue queue = new DeviceQueue(new HddModel(GIB));
        long first = queue.submit(0, Op.READ, 0, 4096);
        long second = queue.submit(0, Op.READ, 4096, 4096);
        assertEquals(8 * HddModel.BLOCK_NANOS, first);
        assertEquals(16 * HddModel.BLOCK_NANOS, second);
        assertEquals(second, queue.busyNanos());
    }

    @Test
    void flushCostsWhatTheModelSays() {
        int dirty = 64 * 1024;
        long[] fixed = {HddModel.FLUSH_FIXED_NANOS, 500_000, 50_000};
        DiskKind[] kinds = {DiskKind.HDD, DiskKind.SATA_SSD, DiskKind.NVME};
        for (int i = 0; i < kinds.length; i++) {
            try (BlockDevice disk = disk(kinds[i], true)) {
                disk.write(0, ByteBuffer.allocate(dirty), false);
                long before = disk.stats().busyNanos();
                disk.flush();
                long flush = disk.stats().busyNanos() - before;
                long expected = ServiceModel.of(kinds[i], 16 * GIB).flushNanos(dirty);
                assertEquals(expected, flush, kinds[i].name());
                assertTrue(expected > fixed[i] && expected < fixed[i] + 1_000_000, kinds[i] + ": " + expected);
                disk.flush();
                assertEquals(fixed[i], disk.stats().busyNanos() - before - flush, "a clean cache costs the fixed part");
            }
        }
    }

    @Test
    void hddWriteCacheAbsorbsWritesUntilTheFlush() {
        try (BlockDevice disk = disk(DiskKind.HDD, true)) {
            disk.write(8 * GIB, ByteBuffer.allocate(4096), false);
            assertEquals(ServiceModel.transferNanos(4096, HddModel.INTERFACE_BYTES_PER_SECOND),
                    disk.stats().busyNanos(), "no seek for a cached write");
        }
    }
}
