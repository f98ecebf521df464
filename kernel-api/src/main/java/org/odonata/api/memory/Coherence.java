package org.odonata.api.memory;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Shared memory priced by a MESI-like coherence model. Every operation is issued by a CPU and charges that
 * CPU the cycles it costs: nothing if the line is already in the right state in its cache, a transfer priced
 * by the distance to the owner (SMT sibling, same L3, same package, other package), or a memory access when
 * no cache holds it. Read-modify-write operations also pay {@code atomicExtra}.
 * <p>
 * A line serves one transfer at a time, as the directory or home agent that orders its transfers does: an
 * operation that needs the line moved while an earlier transfer of it is still under way first waits for that
 * transfer to finish, and the wait is charged like the transfer (counted in
 * {@link CoherenceStats#queuedCycles()}). So N CPUs that miss on one line at once are served one after another.
 * <p>
 * Simplification: an operation takes effect at the virtual time it is issued; its cost is charged to the
 * issuing CPU afterwards (see {@link org.odonata.api.machine.Cpu#charge(long)}).
 */
@ProviderType
public interface Coherence {

    /** A new line holding {@code initial}, homed on {@code homeNode}, in no cache yet. */
    CacheLine allocate(String name, int homeNode, long initial);

    long load(int cpu, CacheLine line);

    void store(int cpu, CacheLine line, long value);

    /** Atomically sets the line to {@code update} if it holds {@code expect}; returns whether it did. */
    boolean compareAndSet(int cpu, CacheLine line, long expect, long update);

    /** Atomically adds {@code delta}; returns the previous value. */
    long fetchAdd(int cpu, CacheLine line, long delta);

    /** Atomically replaces the value; returns the previous one. */
    long exchange(int cpu, CacheLine line, long value);

    /**
     * Spins until the line no longer holds {@code seen}, modelled as waiting for the store that changes it
     * (not as simulated load loops), then reloads it. Parks the calling simulated thread; the loads and the
     * final transfer (with its wait behind the other spinners' reloads of the line) are charged to {@code cpu},
     * the cycles spent waiting for the change (virtual time that has passed while parked) are counted in
     * {@link CoherenceStats#spinCycles()}.
     *
     * @return the new value
     */
    long spinUntilChanged(int cpu, CacheLine line, long seen);

    /** Counters since the model was created. */
    CoherenceStats stats();
}
