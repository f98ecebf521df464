package org.odonata.experiments.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricKind;

/** Values print as a paper would: SI-scaled, with the unit, at a precision the interval justifies. */
class SiTest {

    private static final Metric RATE = Metric.rate("throughput", "msg", "");
    private static final Metric LATENCY = Metric.duration("lat.wakeup.p99", "");
    private static final Metric UTIL = Metric.fraction("cpu_util", "");
    private static final Metric SWITCHES = Metric.count("context_switches", "switches", "");

    @Test
    void ratesTakeSiPrefixesAndTheIntervalRepeatsThePrefix() {
        assertEquals("17.7 M msg/s ± 4.0 M", Si.estimate(RATE, 17_720_000, 4_010_000));
        assertEquals("24.67 k msg/s ± 0.29 k", Si.estimate(RATE, 24_666.7, 286.8));
        assertEquals("24.7 k msg/s", Si.value(RATE, 24_666.7));
    }

    @Test
    void aNarrowIntervalEarnsMoreDigitsButNeverMoreThanThreeExtra() {
        assertEquals("25.4235 M msg/s ± 0.0010 M", Si.estimate(RATE, 25_423_533.3, 1004.0));
        assertEquals("25.4235 M msg/s ± 0.0000 M", Si.estimate(RATE, 25_423_533.3, 10.0));
    }

    @Test
    void durationsAreStoredInNanosecondsAndShownInTheirScale() {
        assertEquals("42.1 µs", Si.value(LATENCY, 42_100));
        assertEquals("163.46 µs ± 0.64 µs", Si.estimate(LATENCY, 163_455, 635.9));
        assertEquals("1.928 µs ± 0.059 µs", Si.estimate(LATENCY, 1927.7, 58.8));
        assertEquals("850 ns", Si.value(LATENCY, 850));
        assertEquals("2.50 s", Si.value(LATENCY, 2.5e9));
    }

    @Test
    void fractionsAreNotScaled() {
        assertEquals("0.805 ± 0.092", Si.estimate(UTIL, 0.805, 0.092));
        assertEquals("1 ± 0", Si.estimate(Metric.count("x", "", ""), 1, 0));
    }

    @Test
    void countsAndBytesAndCycles() {
        assertEquals("791 switches ± 2434", Si.estimate(SWITCHES, 791.3, 2434.2));
        assertEquals("111 G cycles", Si.value(Metric.cycles("spin", ""), 111_289_800_647.0));
        assertEquals("1.50 MB", Si.value(Metric.bytes("b", ""), 1_500_000));
        assertEquals(MetricKind.COUNT, SWITCHES.kind());
    }

    @Test
    void percentagesAndPValuesAsPapersPrintThem() {
        assertEquals("+17.9%", Si.percent(0.179));
        assertEquals("−16.5%", Si.percent(-0.165));
        assertEquals("+0.000059%", Si.percent(5.9e-7));
        assertEquals("12.5 k msg/s ± 0 k", Si.estimate(RATE, 12_500, 0));
        assertEquals("p = 0.086", Si.pValue(0.0862));
        assertEquals("p = 0.0034", Si.pValue(0.00341));
        assertEquals("p < 0.001", Si.pValue(1.2e-10));
        assertEquals("p n/a", Si.pValue(Double.NaN));
    }

    @Test
    void undeclaredNamesGetAUnitFromTheirSuffix() {
        assertEquals(MetricKind.DURATION, MetricUnits.infer("token_wait_mean_ns").kind());
        assertEquals(MetricKind.CYCLES, MetricUnits.infer("sched_lock_spin_cycles").kind());
        assertEquals(MetricKind.FRACTION, MetricUnits.infer("cpu3.util").kind());
        assertEquals("samples", MetricUnits.infer("lat.x.count").unit());
    }
}
