package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.buf.Buf;
import org.odonata.api.buf.BufCache;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.api.vfs.RootFs;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.vfs.bio.BufQueues;
import org.odonata.vfs.host.Host;

/**
 * The buffer cache ({@code vfs_bio.c}, {@code vfs_sync.c}) in a booted kernel over a simulated NVMe disk: reads sleep
 * in biowait for the disk and hit afterwards, {@code bdwrite} leaves the write to the syncer at {@code metadelay},
 * {@code bawrite} returns before the disk is done and {@code vfsync} waits for it, a held buffer makes
 * {@code getblk} sleep, overlapping buffers write their delayed data first, and the buffer daemon brings dirty
 * space back under {@code lodirtybufspace}.
 */
class BufferCacheTest {

    private static final int BLOCK = 4096;

    private final SimKernel k;
    private final BlockDevice disk;
    private final BufCache bufs;
    private final BufQueues queues;

    BufferCacheTest() {
        Topology smp4 = Presets.topology("smp-4");
        Topology small = new Topology("smp-4-64m", smp4.cpus(), List.of(new NumaNode(0, 64L << 20)));
        Machine m = new MachineFactoryComponent().create(new MachineSpec("t", small, CostModel.defaults(),
                List.of(new DiskSpec("da0", DiskKind.NVME, 1L << 30, 512, null, false)), 5, EngineKind.CONTINUATION));
        k = new SimKernel(m, TestFifoScheduler.factory("testfifo"), TestTasTokens.factory("tas"), Machines.vfs(),
                RootFs.TMPFS);
        disk = m.disks().get(0);
        queues = new BufQueues(new Host(new KernelVfsHost(k), new LockFactoryComponent()));
        bufs = queues.device(disk);
    }

    private void thread(Runnable body) {
        k.kthreads().create("test", 1, body);
    }

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    @Test
    void breadSleepsForTheDiskOnceThenHits() {
        long[] t = new long[3];
        thread(() -> {
            t[0] = k.now();
            bufs.brelse(bufs.bread(8 * BLOCK, BLOCK));
            t[1] = k.now();
            Buf again = bufs.bread(8 * BLOCK, BLOCK);
            assertTrue(again.cached());
            bufs.brelse(again);
            t[2] = k.now();
        });
        k.runFor(Machines.ms(5));
        assertEquals(1, disk.stats().reads(), "the second bread is a cache hit");
        assertTrue(t[1] - t[0] > 5_000, "a miss waits for the NVMe read: " + (t[1] - t[0]) + " ns");
        assertTrue(t[2] - t[1] < 1_000, "a hit costs a lookup: " + (t[2] - t[1]) + " ns");
        assertEquals(1L, queues.stats().get("buf_hits"));
        assertEquals(1L, queues.stats().get("buf_misses"));
    }

    @Test
    void bdwriteLeavesTheWriteToTheSyncerAtMetadelay() {
        byte[] data = pattern(BLOCK, 7);
        thread(() -> {
            Buf b = bufs.getblk(0, BLOCK);
            assertFalse(b.cached());
            System.arraycopy(data, 0, b.data(), 0, BLOCK);
            bufs.bdwrite(b);
        });
        k.runFor(Machines.ms(27_000));
        assertEquals(0, disk.stats().writes(), "still a delayed write at 27 s");
        assertEquals((long) BLOCK, queues.stats().get("dirtybufspace"));
        k.runFor(Machines.ms(3_000));
        assertEquals(1, disk.stats().writes(), "the syncer wrote it once it was metadelay (28 s) old");
        assertEquals(0L, queues.stats().get("dirtybufspace"));
        ByteBuffer onDisk = ByteBuffer.allocate(BLOCK);
        disk.read(0, onDisk);
        assertArrayEquals(data, onDisk.array());
    }

    @Test
    void bawriteReturnsAtOnceAndVfsyncWaitsForTheDisk() {
        long[] t = new long[3];
        thread(() -> {
            Buf b = bufs.getblk(16 * BLOCK, 16 * BLOCK);
            System.arraycopy(pattern(16 * BLOCK, 1), 0, b.data(), 0, 16 * BLOCK);
            t[0] = k.now();
            bufs.bawrite(b);
            t[1] = k.now();
            assertEquals(0, bufs.vfsync());
            t[2] = k.now();
        });
        k.runFor(Machines.ms(5));
        assertEquals(1, disk.stats().writes());
        assertTrue(t[1] - t[0] < 2_000, "bawrite only starts the write: " + (t[1] - t[0]) + " ns");
        assertTrue(t[2] - t[1] > 5_000, "vfsync waited for the 64 KB write: " + (t[2] - t[1]) + " ns");
    }

    @Test
    void getblkSleepsWhileAnotherThreadHoldsTheBuffer() {
        List<String> order = new ArrayList<>();
        thread(() -> {
            Buf b = bufs.getblk(0, BLOCK);
            order.add("a holds");
            k.kthreads().tsleep(k.kthreads().newIdent(), "hold", Machines.ms(1));
            order.add("a releases");
            bufs.brelse(b);
        });
        k.kthreads().create("b", 2, () -> {
            k.kthreads().tsleep(k.kthreads().newIdent(), "later", 100_000);
            order.add("b asks");
            Buf b = bufs.getblk(0, BLOCK);
            order.add("b holds");
            bufs.brelse(b);
        });
        k.runFor(Machines.ms(5));
        assertEquals(List.of("a holds", "b asks", "a releases", "b holds"), order);
    }

    @Test
    void anOverlappingBufferWritesTheDelayedDataFirst() {
        byte[] head = pattern(BLOCK, 3);
        byte[][] seen = new byte[1][];
        thread(() -> {
            Buf small = bufs.getblk(4 * BLOCK, BLOCK);
            System.arraycopy(head, 0, small.data(), 0, BLOCK);
            bufs.bdwrite(small);
            Buf big = bufs.bread(4 * BLOCK, 4 * BLOCK);
            seen[0] = Arrays.copyOf(big.data(), BLOCK);
            bufs.brelse(big);
        });
        k.runFor(Machines.ms(5));
        assertEquals(1, disk.stats().writes(), "the 4 KB delayed write went out before the 16 KB read");
        assertArrayEquals(head, seen[0]);
    }

    @Test
    void theBufferDaemonWritesDirtySpaceDownToLodirtybufspace() {
        long hi = queues.stats().get("hibufspace");
        int size = 16 * BLOCK;
        int buffers = (int) (hi * 6 / 10 / size);
        thread(() -> {
            for (int i = 0; i < buffers; i++) {
                Buf b = bufs.getblk((long) i * size, size);
                bufs.bdwrite(b);
            }
        });
        k.runFor(Machines.ms(200));
        long dirty = queues.stats().get("dirtybufspace");
        assertTrue(dirty <= hi / 4, "dirty " + dirty + " is under lodirtybufspace " + hi / 4);
        assertTrue(disk.stats().writes() > 0);
        assertTrue(queues.stats().get("bufspace") <= hi);
    }

    @Test
    void cleanBuffersAreRecycledPastHibufspace() {
        long hi = queues.stats().get("hibufspace");
        int size = 16 * BLOCK;
        int buffers = (int) (hi / size) + 50;
        thread(() -> {
            for (int i = 0; i < buffers; i++) {
                bufs.brelse(bufs.bread((long) i * size, size));
            }
        });
        k.runFor(Machines.ms(2_000));
        assertTrue(queues.stats().get("bufspace") <= hi);
        assertTrue(queues.stats().get("buf_recycled") >= 50);
        assertEquals(buffers, disk.stats().reads());
    }
}
