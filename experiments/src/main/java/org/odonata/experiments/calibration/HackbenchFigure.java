package org.odonata.experiments.calibration;

import java.util.List;

/**
 * Real hackbench at one group count, in the shape of the simulated {@code hackbench} workload: pipes, processes,
 * {@code fds} senders and {@code fds} receivers per group, each sender sending {@code loops} messages of
 * {@code datasize} bytes to every receiver of its group.
 *
 * @param seconds    every run's {@code Time:}, which hackbench takes from the start signal to the last receiver
 *                   done: wall time, which other load on the host inflates
 * @param cpuSeconds every run's CPU time over all its processes ({@code perf stat} task-clock, set-up included)
 * @param switches   every run's context switches ({@code perf stat})
 */
public record HackbenchFigure(int groups, int fds, long loops, int datasize, String command, List<Double> seconds,
        List<Double> cpuSeconds, List<Double> switches) {

    public HackbenchFigure {
        if (seconds.isEmpty() || seconds.size() != cpuSeconds.size() || seconds.size() != switches.size()) {
            throw new IllegalArgumentException("hackbench -g " + groups + ": expected as many seconds, cpuSeconds "
                    + "and switches, one per run");
        }
        seconds = List.copyOf(seconds);
        cpuSeconds = List.copyOf(cpuSeconds);
        switches = List.copyOf(switches);
    }

    /** Messages one run delivers: every sender to every receiver of its group, {@code loops} times. */
    public long messages() {
        return (long) groups * fds * fds * loops;
    }

    public double medianSeconds() {
        return Series.median(seconds);
    }

    /** Host wall nanoseconds per delivered message, at the median run. */
    public double nanosPerMessage() {
        return medianSeconds() * 1e9 / messages();
    }

    /** Host CPU nanoseconds per delivered message, at the median run's CPU time. */
    public double cpuNanosPerMessage() {
        return Series.median(cpuSeconds) * 1e9 / messages();
    }

    /** Context switches per delivered message, at the median run. */
    public double switchesPerMessage() {
        return Series.median(switches) / messages();
    }
}
