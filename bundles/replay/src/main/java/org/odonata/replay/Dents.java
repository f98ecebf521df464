package org.odonata.replay;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * A directory read through one descriptor, recorded and simulated side by side: {@code getdents} results are
 * compared as sets of names (or, when strace abbreviated them, as counts of entries and bytes) once the recorded
 * reading reaches the end, since the two filesystems return entries in different orders.
 */
final class Dents {

    final Set<ByteBuffer> recordedNames = new HashSet<>();
    final Set<ByteBuffer> simulatedNames = new HashSet<>();
    /** False once a recorded call showed only a count ({@code /* 5 entries *}{@code /}). */
    boolean namesShown = true;
    long recordedEntries;
    long recordedBytes;
    long simulatedEntries;
    long simulatedBytes;
    boolean simulatedEnd;

    Dents copy() {
        Dents d = new Dents();
        d.recordedNames.addAll(recordedNames);
        d.simulatedNames.addAll(simulatedNames);
        d.namesShown = namesShown;
        d.recordedEntries = recordedEntries;
        d.recordedBytes = recordedBytes;
        d.simulatedEntries = simulatedEntries;
        d.simulatedBytes = simulatedBytes;
        d.simulatedEnd = simulatedEnd;
        return d;
    }
}
