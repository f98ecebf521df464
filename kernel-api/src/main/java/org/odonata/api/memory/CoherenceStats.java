package org.odonata.api.memory;

/**
 * Coherence traffic counters.
 *
 * @param operations  loads, stores and atomics issued
 * @param hits        operations served from the issuing CPU's own cache
 * @param transfers   lines moved from another CPU's cache
 * @param memoryReads lines fetched from memory
 * @param invalidations copies invalidated by stores and atomics
 * @param cycles      total cycles charged for all of the above, including {@code queuedCycles}
 * @param spinWaits   spin-waits that had to wait for a change
 * @param spinCycles  cycles CPUs spent spinning in those waits (virtual time that passed, not part of {@code cycles})
 * @param queuedCycles cycles operations waited for their line to finish transfers already under way (a line
 *                    serves one transfer at a time); charged, so part of {@code cycles}
 */
public record CoherenceStats(long operations, long hits, long transfers, long memoryReads, long invalidations,
        long cycles, long spinWaits, long spinCycles, long queuedCycles) {

    /** The 1.0 counters, for providers compiled against 1.0: they queue nothing. */
    public CoherenceStats(long operations, long hits, long transfers, long memoryReads, long invalidations,
            long cycles, long spinWaits, long spinCycles) {
        this(operations, hits, transfers, memoryReads, invalidations, cycles, spinWaits, spinCycles, 0);
    }
}
