package org.odonata.hw.x86.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;
import org.odonata.hw.x86.testing.TestMachines;

class FrameAllocatorTest {

    private static Topology withNodes(long... bytes) {
        Topology t = TestMachines.topology(1, 1, 1, 1, 0);
        List<NumaNode> nodes = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            nodes.add(new NumaNode(i, bytes[i]));
        }
        return new Topology("frames", t.cpus(), nodes);
    }

    @Test
    void framesAreNumberedContiguouslyNodeAfterNode() {
        FrameAllocator mem = new FrameAllocator(withNodes(4 * PhysicalMemory.PAGE_SIZE, 3 * PhysicalMemory.PAGE_SIZE));
        assertEquals(2, mem.nodes());
        assertEquals(4, mem.totalFrames(0));
        assertEquals(3, mem.totalFrames(1));
        assertEquals(4, mem.allocate(1));
        assertEquals(0, mem.allocate(0));
        assertEquals(1, mem.nodeOf(4));
        assertEquals(0, mem.nodeOf(3));
        assertEquals(1, mem.nodeOf(6));
        assertThrows(IllegalArgumentException.class, () -> mem.nodeOf(7));
        assertThrows(IllegalArgumentException.class, () -> mem.nodeOf(-1));
        assertThrows(IllegalArgumentException.class, () -> mem.allocate(2));
    }

    @Test
    void allocateReturnsTheLowestFreeFrameAndMinusOneWhenExhausted() {
        FrameAllocator mem = new FrameAllocator(withNodes(3 * PhysicalMemory.PAGE_SIZE + 100));
        assertEquals(3, mem.totalFrames(0));
        assertEquals(0, mem.allocate(0));
        assertEquals(1, mem.allocate(0));
        assertEquals(2, mem.allocate(0));
        assertEquals(-1, mem.allocate(0));
        assertEquals(0, mem.freeFrames(0));
        mem.free(1);
        mem.free(0);
        assertEquals(2, mem.freeFrames(0));
        assertEquals(0, mem.allocate(0));
        assertEquals(1, mem.allocate(0));
        assertEquals(-1, mem.allocate(0));
    }

    @Test
    void freeingAFreeFrameNamesTheFrame() {
        FrameAllocator mem = new FrameAllocator(withNodes(8 * PhysicalMemory.PAGE_SIZE, 8 * PhysicalMemory.PAGE_SIZE));
        long f = mem.allocate(1);
        mem.free(f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mem.free(f));
        assertEquals("frame 8 (node 1) is already free", e.getMessage());
        assertThrows(IllegalStateException.class, () -> mem.free(9));
    }

    @Test
    void hugeNodesCostNothingUntilTheirFramesAreUsed() {
        long gib256 = 256L << 30;
        FrameAllocator mem = new FrameAllocator(withNodes(gib256, gib256));
        assertEquals(67_108_864L, mem.totalFrames(1));
        assertEquals(67_108_864L, mem.allocate(1));
        assertEquals(1, mem.nodeOf(2 * 67_108_864L - 1));
        assertEquals(67_108_863L, mem.freeFrames(1));
    }
}
