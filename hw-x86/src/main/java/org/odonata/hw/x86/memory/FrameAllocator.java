package org.odonata.hw.x86.memory;

import java.util.BitSet;

import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.topology.NumaNode;
import org.odonata.api.topology.Topology;

/**
 * Physical frames per NUMA node, numbered contiguously node after node. Guarantee: {@link #allocate(int)} returns
 * the lowest free frame of the node, so allocation order is deterministic. Cost: memory grows with the highest
 * frame ever allocated (one bit per frame), not with the node size; allocation is amortised O(1) for sequential
 * use (a hint marks the lowest frame that may be free), freeing is O(1). Nodes up to 8 TiB.
 */
public final class FrameAllocator implements PhysicalMemory {

    private final long[] base;
    private final long[] total;
    private final long[] free;
    private final BitSet[] used;
    /** Every frame of the node below this index is in use. */
    private final int[] lowestMaybeFree;

    public FrameAllocator(Topology topology) {
        int nodes = topology.nodeCount();
        base = new long[nodes];
        total = new long[nodes];
        free = new long[nodes];
        used = new BitSet[nodes];
        lowestMaybeFree = new int[nodes];
        long next = 0;
        for (int k = 0; k < nodes; k++) {
            NumaNode node = topology.nodes().get(k);
            long frames = node.memoryBytes() / PAGE_SIZE;
            if (frames > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("node " + k + " has " + node.memoryBytes()
                        + " bytes: more than 8 TiB per node is not supported");
            }
            base[k] = next;
            total[k] = frames;
            free[k] = frames;
            used[k] = new BitSet();
            next += frames;
        }
    }

    @Override
    public int nodes() {
        return base.length;
    }

    @Override
    public long totalFrames(int node) {
        return total[checked(node)];
    }

    @Override
    public long freeFrames(int node) {
        return free[checked(node)];
    }

    @Override
    public long allocate(int node) {
        if (free[checked(node)] == 0) {
            return -1;
        }
        int i = used[node].nextClearBit(lowestMaybeFree[node]);
        used[node].set(i);
        lowestMaybeFree[node] = i + 1;
        free[node]--;
        return base[node] + i;
    }

    @Override
    public void free(long frame) {
        int node = nodeOf(frame);
        int i = (int) (frame - base[node]);
        if (!used[node].get(i)) {
            throw new IllegalStateException("frame " + frame + " (node " + node + ") is already free");
        }
        used[node].clear(i);
        lowestMaybeFree[node] = Math.min(lowestMaybeFree[node], i);
        free[node]++;
    }

    @Override
    public int nodeOf(long frame) {
        for (int k = base.length - 1; k >= 0; k--) {
            if (frame >= base[k]) {
                if (frame - base[k] < total[k]) {
                    return k;
                }
                break;
            }
        }
        throw new IllegalArgumentException("frame " + frame + " is not in physical memory");
    }

    private int checked(int node) {
        if (node < 0 || node >= base.length) {
            throw new IllegalArgumentException("no NUMA node " + node + " (machine has " + base.length + ")");
        }
        return node;
    }
}
