package org.odonata.api.memory;

import org.osgi.annotation.versioning.ProviderType;

/** One 64-byte line of simulated shared memory holding one 64-bit word of kernel state. */
@ProviderType
public interface CacheLine {

    /** A name for statistics and traces, e.g. {@code "token:vm"}. */
    String name();

    /** The NUMA node whose memory backs the line. */
    int homeNode();

    /** The current value, read without any cost (for inspection and tests, never for modelled code). */
    long peek();

    /** The line's MESI-like state as a given CPU sees it. */
    LineState stateAt(int cpu);
}
