package org.odonata.tck.sync;

import org.odonata.api.sync.TokenMode;

/** Counts holders inside a critical section and remembers any overlap the token should have prevented. */
final class Occupancy {

    int writers;
    int readers;
    int maxReaders;
    int violations;
    int entries;

    void enter(TokenMode mode) {
        entries++;
        if (mode == TokenMode.EXCLUSIVE) {
            writers++;
        } else {
            readers++;
            maxReaders = Math.max(maxReaders, readers);
        }
        if (writers > 1 || writers == 1 && readers > 0) {
            violations++;
        }
    }

    void leave(TokenMode mode) {
        if (mode == TokenMode.EXCLUSIVE) {
            writers--;
        } else {
            readers--;
        }
    }
}
