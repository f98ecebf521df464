package org.odonata.sync.locks;

import org.odonata.api.sync.LockStats;

/** What one lock has done: acquisitions, collisions, spin cycles, hold and wait times. */
final class LockCounters {

    private final String name;
    private final DurationHistogram hold = new DurationHistogram();
    private final DurationHistogram waits = new DurationHistogram();
    private long acquisitions;
    private long collisions;
    private long spinCycles;

    LockCounters(String name) {
        this.name = name;
    }

    void acquired() {
        acquisitions++;
    }

    /** An acquisition that did not succeed at the first attempt, after waiting this long. */
    void contended(long waitNanos, long spunCycles) {
        collisions++;
        waits.record(waitNanos);
        spinCycles += spunCycles;
    }

    void held(long nanos) {
        hold.record(nanos);
    }

    LockStats snapshot() {
        return new LockStats(name, acquisitions, collisions, spinCycles, hold.summary(), waits.summary());
    }
}
