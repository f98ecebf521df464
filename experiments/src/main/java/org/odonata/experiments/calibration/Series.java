package org.odonata.experiments.calibration;

import java.util.Arrays;
import java.util.List;

/**
 * One measurement repeated: the command that made it, its unit and every run's figure, in run order.
 *
 * @param name    a stable key ({@code pipe-pinned}, {@code pipe-cross}, {@code syscall})
 * @param command the command line as run
 * @param unit    the figures' unit, e.g. {@code ns/roundtrip}
 * @param runs    one figure per run
 */
public record Series(String name, String command, String unit, List<Double> runs) {

    public Series {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(name + ": no runs");
        }
        runs = List.copyOf(runs);
    }

    /** The middle run, or the mean of the middle two: robust to the odd run disturbed by other host load. */
    public double median() {
        return median(runs);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
