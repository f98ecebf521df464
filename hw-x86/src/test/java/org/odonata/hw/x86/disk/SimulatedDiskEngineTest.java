package org.odonata.hw.x86.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.SimThread;
import org.odonata.hw.x86.disk.ServiceModel.Op;
import org.odonata.hw.x86.engine.Engines;

/** Disks inside a running simulation, on both engine kinds. */
class SimulatedDiskEngineTest {

    static final long MIB = 1024 * 1024;

    static BlockDevice disk(Engine engine, DiskKind kind, boolean writeCache) {
        return Disks.open(new DiskSpec("sim-" + kind, kind, 1024 * MIB, 512, null, writeCache), engine);
    }

    /** Runs the engine until idle and fails on any simulated thread's exception. */
    static void run(Engine engine, List<SimThread> threads) {
        engine.runUntilIdle();
        for (SimThread t : threads) {
            assertNull(t.failure(), () -> t.name() + " failed: " + t.failure());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void threadBlocksUntilExactlyTheComputedCompletionTime(EngineKind kind) {
        Engine engine = Engines.create(kind, 1);
        BlockDevice nvme = disk(engine, DiskKind.NVME, false);
        long[] resumed = new long[2];
        engine.runUntil(1_000);
        SimThread t = engine.spawn("reader", () -> {
            nvme.write(0, ByteBuffer.wrap(DiskDataTest.pattern(4096, 1)), false);
            resumed[0] = engine.now();
            ByteBuffer dst = ByteBuffer.allocate(4096);
            nvme.read(0, dst);
            resumed[1] = engine.now();
            assertArrayEquals(DiskDataTest.pattern(4096, 1), dst.array());
        });
        run(engine, List.of(t));
        long transfer = ServiceModel.transferNanos(4096, 3_000_000_000L);
        assertEquals(1_000 + 10_000 + transfer, resumed[0]);
        assertEquals(resumed[0] + 20_000 + transfer, resumed[1]);
        assertEquals(resumed[1], engine.now());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void thirtyTwoConcurrentSsdReadsTakeAboutOneServiceTime(EngineKind kind) {
        Engine engine = Engines.create(kind, 2);
        BlockDevice ssd = disk(engine, DiskKind.SATA_SSD, false);
        long[] done = new long[32];
        List<SimThread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int n = i;
            threads.add(engine.spawn("r" + i, () -> {
                ssd.read(n * 512L, ByteBuffer.allocate(512));
                done[n] = engine.now();
            }));
        }
        run(engine, threads);
        long single = 80_000 + ServiceModel.transferNanos(512, 530_000_000L);
        DeviceQueue expected = new DeviceQueue(FlashModel.SATA_SSD);
        for (int i = 0; i < 32; i++) {
            assertEquals(expected.submit(0, Op.READ, i * 512L, 512), done[i], "reader " + i);
        }
        assertEquals(single, done[0]);
        assertTrue(done[31] < 2 * single, "the last of 32 finished at " + done[31] + ", one takes " + single);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void hddServesConcurrentThreadsOneAfterAnother(EngineKind kind) {
        Engine engine = Engines.create(kind, 3);
        BlockDevice hdd = disk(engine, DiskKind.HDD, false);
        long[] done = new long[2];
        List<SimThread> threads = List.of(
                engine.spawn("a", () -> {
                    hdd.read(0, ByteBuffer.allocate(4096));
                    done[0] = engine.now();
                }),
                engine.spawn("b", () -> {
                    hdd.read(4096, ByteBuffer.allocate(4096));
                    done[1] = engine.now();
                }));
        run(engine, threads);
        assertEquals(8 * HddModel.BLOCK_NANOS, done[0]);
        assertEquals(16 * HddModel.BLOCK_NANOS, done[1], "b waited for a, then streamed on");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void flushWaitsForEarlierWritesThenCostsTheModelsTime(EngineKind kind) {
        Engine engine = Engines.create(kind, 4);
        BlockDevice ssd = disk(engine, DiskKind.SATA_SSD, true);
        long[] done = new long[2];
        SimThread writer = engine.spawn("writer", () -> {
            ssd.write(0, ByteBuffer.allocate(65536), false);
            done[0] = engine.now();
        });
        SimThread flusher = engine.spawn("flusher", () -> {
            ssd.flush();
            done[1] = engine.now();
        });
        run(engine, List.of(writer, flusher));
        assertEquals(30_000 + ServiceModel.transferNanos(65536, 530_000_000L), done[0]);
        assertEquals(done[0] + FlashModel.SATA_SSD.flushNanos(65536), done[1]);
        ssd.powerCut();
        ByteBuffer dst = ByteBuffer.allocate(512);
        ssd.read(0, dst);
        assertArrayEquals(new byte[512], dst.array());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aFailedTransferIsThrownInTheCallingThreadAtItsCompletionTime(EngineKind kind) {
        Engine engine = Engines.create(kind, 5);
        BlockDevice ssd = disk(engine, DiskKind.SATA_SSD, false);
        Object[] outcome = new Object[2];
        SimThread t = engine.spawn("reader", () -> {
            try {
                ssd.read(0, ByteBuffer.allocate(512).asReadOnlyBuffer());
            } catch (ReadOnlyBufferException e) {
                outcome[0] = engine.now();
            }
            ByteBuffer ok = ByteBuffer.allocate(512);
            ssd.read(0, ok);
            outcome[1] = ok.position();
        });
        run(engine, List.of(t));
        assertEquals(80_000 + ServiceModel.transferNanos(512, 530_000_000L), outcome[0]);
        assertEquals(512, outcome[1], "the device still works");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sameSeedGivesTheSameCompletionTimes(EngineKind kind) {
        List<Long> first = randomWorkload(kind, 99);
        assertEquals(first, randomWorkload(kind, 99));
        assertEquals(first, randomWorkload(kind == EngineKind.CONTINUATION ? EngineKind.VIRTUAL_THREAD
                : EngineKind.CONTINUATION, 99), "both engine kinds agree");
        assertTrue(!first.equals(randomWorkload(kind, 100)), "another seed, another workload");
    }

    /** Four threads each doing random HDD reads and writes drawn from a seeded stream. */
    private static List<Long> randomWorkload(EngineKind kind, long seed) {
        Engine engine = Engines.create(kind, seed);
        BlockDevice hdd = disk(engine, DiskKind.HDD, true);
        RandomGenerator rnd = engine.random().stream("test.disk.workload");
        List<Long> completions = new ArrayList<>();
        List<SimThread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(engine.spawn("w" + i, () -> {
                for (int j = 0; j < 10; j++) {
                    long offset = rnd.nextLong(1024 * MIB / 4096) * 4096;
                    if (rnd.nextBoolean()) {
                        hdd.read(offset, ByteBuffer.allocate(4096));
                    } else {
                        hdd.write(offset, ByteBuffer.allocate(4096), rnd.nextInt(4) == 0);
                    }
                    completions.add(engine.now());
                }
                hdd.flush();
                completions.add(engine.now());
            }));
        }
        run(engine, threads);
        return completions;
    }
}
