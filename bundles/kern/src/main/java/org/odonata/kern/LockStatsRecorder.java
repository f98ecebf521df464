package org.odonata.kern;

import org.HdrHistogram.Histogram;
import org.odonata.api.sync.Distribution;
import org.odonata.api.sync.LockStats;

/** Counters and hold/wait histograms (HdrHistogram, 3 significant digits) of one token or one token class. */
final class LockStatsRecorder {

    final String name;
    long acquisitions;
    long collisions;
    private final Histogram hold = new Histogram(3);
    private final Histogram wait = new Histogram(3);

    LockStatsRecorder(String name) {
        this.name = name;
    }

    void recordHold(long nanos) {
        hold.recordValue(Math.max(0, nanos));
    }

    void recordWait(long nanos) {
        wait.recordValue(Math.max(0, nanos));
    }

    LockStats snapshot(long spinCycles) {
        return new LockStats(name, acquisitions, collisions, spinCycles, dist(hold), dist(wait));
    }

    private static Distribution dist(Histogram h) {
        long n = h.getTotalCount();
        if (n == 0) {
            return new Distribution(0, 0, 0, 0, 0);
        }
        return new Distribution(n, h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getMaxValue());
    }
}
