package org.odonata.experiments.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.kern.CpuTimes;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelStats;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.sync.LockStats;

/**
 * Every counter a trial's metrics are differenced from, at one instant (the end of the warm-up, the end of the
 * window). The kernel summarises token hold and wait times since boot as count, mean and percentiles; counts
 * and totals (mean × count) difference exactly, so the window's means are exact, but a percentile of the window
 * cannot be recovered from two summaries, so the p99 stays the since-boot value.
 */
record Snapshot(KernelStats stats, Map<String, Long> counters, List<CpuTimes> cpuTimes, long spinCycles,
        long holdCount, double holdTotal, long waitCount, double waitTotal, double waitP99SinceBoot,
        long schedLockSpinCycles) {

    static Snapshot of(Kernel kernel, WorkloadRun run) {
        long spin = 0;
        long holdCount = 0;
        double holdTotal = 0;
        long waitCount = 0;
        double waitTotal = 0;
        double waitP99 = 0;
        for (LockStats s : kernel.lockStats()) {
            // the class summaries repeat the per-token figures
            if (s.name().equals("global") || s.name().equals("pool")) {
                continue;
            }
            spin += s.spinCycles();
            holdCount += s.holdTime().count();
            holdTotal += s.holdTime().mean() * s.holdTime().count();
            waitCount += s.waitTime().count();
            waitTotal += s.waitTime().mean() * s.waitTime().count();
            waitP99 = Math.max(waitP99, s.waitTime().p99());
        }
        long schedSpin = 0;
        for (LockStats s : kernel.schedLockStats()) {
            schedSpin += s.spinCycles();
        }
        return new Snapshot(kernel.stats(), new LinkedHashMap<>(run.counters()), List.copyOf(kernel.cpuTimes()), spin,
                holdCount, holdTotal, waitCount, waitTotal, waitP99, schedSpin);
    }

    /** The mean hold time of the acquisitions released between {@code before} and this snapshot. */
    double holdMeanSince(Snapshot before) {
        long n = holdCount - before.holdCount;
        return n == 0 ? 0 : (holdTotal - before.holdTotal) / n;
    }

    /** The mean wait of the contended acquisitions between {@code before} and this snapshot. */
    double waitMeanSince(Snapshot before) {
        long n = waitCount - before.waitCount;
        return n == 0 ? 0 : (waitTotal - before.waitTotal) / n;
    }
}
