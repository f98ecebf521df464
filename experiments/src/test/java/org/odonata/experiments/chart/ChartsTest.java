package org.odonata.experiments.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.odonata.api.metric.Metric;
import org.odonata.experiments.stats.Estimate;

/** Figures come out in three formats at print resolution, and never draw an interval past a physical bound. */
class ChartsTest {

    private static final Path OUT = Path.of("target/chart-preview");
    private static final Metric LATENCY = Metric.duration("lat.wakeup.p99", "99th percentile wakeup latency");
    private static final Metric UTIL = Metric.fraction("cpu_util", "busy share");

    private static Panels.Cell cell(double... samples) {
        return new Panels.Cell(Estimate.of(samples), java.util.Arrays.stream(samples).boxed().toList());
    }

    @Test
    void aFigureIsWrittenAsPngAt300DpiSvgAndPdf() throws IOException {
        JFreeChart a = Panels.variants("schbench", LATENCY, List.of("dfly", "fifo"),
                List.of(cell(1900, 2000, 1950, 1800, 2100, 1990), cell(2600, 2700, 2650)));
        JFreeChart b = Panels.variants("hackbench", LATENCY, List.of("dfly", "fifo"),
                List.of(cell(40_000, 42_000), cell(39_000, 41_000, 45_000, 38_000, 43_000)));
        new Figure("t: lat.wakeup.p99", List.of("dfly", "fifo"), List.of(a, b), "caption").write(OUT, "dots");
        for (String ext : List.of("png", "svg", "pdf")) {
            assertTrue(Files.size(OUT.resolve("dots." + ext)) > 1000, ext);
        }
        assertTrue(Files.readString(OUT.resolve("dots.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith("%PDF"));
        assertTrue(Files.readString(OUT.resolve("dots.svg")).contains("lat.wakeup.p99"));
        assertEquals(300, dpi(OUT.resolve("dots.png")), 0.5);
    }

    @Test
    void intervalsStopAtZeroAndAtOneForFractions() {
        // n = 6 with a huge spread: the t interval reaches below 0 and, for a fraction, above 1
        JFreeChart lat = Panels.variants("w", LATENCY, List.of("a"), List.of(cell(10, 9000, 20, 15, 8000, 30)));
        IntervalXYDataset d = (IntervalXYDataset) lat.getXYPlot().getDataset(0);
        assertEquals(0, d.getStartYValue(0, 0), 0, "clipped at 0");
        assertTrue(lat.getXYPlot().getRangeAxis().getLowerBound() >= 0);
        JFreeChart util = Panels.variants("w", UTIL, List.of("a"), List.of(cell(0.99, 0.5, 1.0, 0.98, 1.0, 0.97)));
        IntervalXYDataset u = (IntervalXYDataset) util.getXYPlot().getDataset(0);
        assertEquals(1, u.getEndYValue(0, 0), 0, "clipped at 1");
    }

    @Test
    void fewerThanFiveTrialsAreDrawnAsPointsNotAnInterval() {
        JFreeChart c = Panels.variants("w", LATENCY, List.of("a"), List.of(cell(10, 20, 30)));
        assertEquals(0, c.getXYPlot().getDataset(0).getItemCount(0), "no interval");
        XYDataset points = c.getXYPlot().getDataset(2);
        assertEquals(3, points.getItemCount(0));
    }

    @Test
    void doublingSweepsUseALog2AxisAndCdfsReadableDecades() throws IOException {
        double[] cpus = {1, 2, 4, 8};
        List<Panels.Cell> dfly = List.of(cell(1, 1.1, 0.9), cell(2, 2.1, 1.9), cell(3.9, 4, 4.1), cell(7, 7.5, 8));
        List<Panels.Cell> fifo = List.of(cell(1, 1, 1), cell(1.9, 2, 2), cell(3, 3.2, 3.1), cell(5, 5.5, 6));
        JFreeChart s = Panels.sweep("hackbench", Metric.rate("throughput", "msg", ""), "CPUs", cpus, true,
                List.of("dfly", "fifo"), List.of(dfly, fifo));
        LogAxis x = (LogAxis) s.getXYPlot().getDomainAxis();
        assertEquals(2, x.getBase());
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(2000 + i * 37L);
        }
        JFreeChart cdf = Panels.cdf("schbench", "wakeup", List.of("dfly", "fifo"), Map.of("dfly", h));
        LogAxis lx = (LogAxis) cdf.getXYPlot().getDomainAxis();
        assertEquals(1000, lx.getLowerBound(), 0);
        assertEquals(100_000, lx.getUpperBound(), 0);
        new Figure("t: throughput by CPUs", List.of("dfly", "fifo"), List.of(s, cdf), "caption").write(OUT, "sweep");
    }

    /** The pHYs chunk's pixels per metre, as dots per inch. */
    private static double dpi(Path png) throws IOException {
        byte[] b = Files.readAllBytes(png);
        for (int i = 8; i + 8 < b.length;) {
            int len = java.nio.ByteBuffer.wrap(b, i, 4).getInt();
            String type = new String(b, i + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("pHYs")) {
                assertEquals(1, b[i + 16], "unit: metre");
                return java.nio.ByteBuffer.wrap(b, i + 8, 4).getInt() * 0.0254;
            }
            i += 12 + len;
        }
        throw new AssertionError("no pHYs chunk");
    }
}
