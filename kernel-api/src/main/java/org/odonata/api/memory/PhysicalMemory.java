package org.odonata.api.memory;

import org.osgi.annotation.versioning.ProviderType;

/** Physical page frames (4 KiB) per NUMA node. Frame numbers are unique across the machine. */
@ProviderType
public interface PhysicalMemory {

    int PAGE_SIZE = 4096;

    int nodes();

    long totalFrames(int node);

    long freeFrames(int node);

    /** A free frame of {@code node}, or -1 when the node has none left. */
    long allocate(int node);

    /** Returns a frame; freeing a free frame is an error. */
    void free(long frame);

    /** The node a frame belongs to. */
    int nodeOf(long frame);
}
