package org.odonata.api.memory;

/**
 * Coherence traffic counters.
 *
 * @param operations  loads, stores and atomics issued
 * @param hits        operations served from the issuing CPU's own cache
 * @param transfers   lines moved from another CPU's cache
 * @param memoryReads lines fetched from memory
 * @param invalidations copies invalidated by stores and atomics
 * @param cycles      total cycles charged for all of the above
 * @param spinWaits   spin-waits that had to wait for a change
 * @param spinCycles  cycles CPUs spent spinning in those waits (virtual time that passed, not part of {@code cycles})
 */
public record CoherenceStats(long operations, long hits, long transfers, long memoryReads, long invalidations,
        long cycles, long spinWaits, long spinCycles) {
}
