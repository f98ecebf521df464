package org.odonata.kern;

import java.util.ArrayDeque;
import java.util.BitSet;

import org.odonata.api.memory.PhysicalMemory;

/**
 * A vkernel guest's physical memory: the guest machine's frames, each backed by a page of its host process's
 * guest-memory mapping. A frame the guest allocates for the first time is queued for the host to fault in; frames
 * freed by the guest stay resident in the host, as a vkernel's freed memory does until the host reclaims it.
 * Simplification: the host faults a frame in at the vCPU's next entry, not at the guest's first access.
 */
final class GuestMemory implements PhysicalMemory {

    private final PhysicalMemory hw;
    private final BitSet backed = new BitSet();
    private final ArrayDeque<Long> toBack = new ArrayDeque<>();

    GuestMemory(PhysicalMemory hw) {
        this.hw = hw;
    }

    /** The next frame the host has not yet backed, or -1. */
    long nextUnbacked() {
        Long f = toBack.poll();
        return f == null ? -1 : f;
    }

    @Override
    public int nodes() {
        return hw.nodes();
    }

    @Override
    public long totalFrames(int node) {
        return hw.totalFrames(node);
    }

    @Override
    public long freeFrames(int node) {
        return hw.freeFrames(node);
    }

    @Override
    public long allocate(int node) {
        long f = hw.allocate(node);
        if (f >= 0 && !backed.get((int) f)) {
            backed.set((int) f);
            toBack.add(f);
        }
        return f;
    }

    @Override
    public void free(long frame) {
        hw.free(frame);
    }

    @Override
    public int nodeOf(long frame) {
        return hw.nodeOf(frame);
    }
}
