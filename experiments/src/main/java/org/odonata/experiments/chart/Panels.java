package org.odonata.experiments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricKind;
import org.odonata.experiments.stats.Estimate;
import org.odonata.experiments.units.Si;

/**
 * The panels figures are made of, each a JFreeChart styled as {@link ChartStyle} says: a metric per variant (dot
 * plot), a metric along a sweep (lines), and latency CDFs. A series' colour and marker follow its variant's index.
 */
public final class Panels {

    /** One variant's figures at one x: its estimate and the trials it came from. */
    public record Cell(Estimate estimate, List<Double> samples) {
    }

    private Panels() {
    }

    /**
     * A metric per variant: the mean as the variant's marker with its interval clipped at the metric's bounds,
     * or, under {@value ChartStyle#POINTS_BELOW} trials, every trial as a hollow marker beside a filled mean.
     *
     * @param cells one per variant, in variant order (null where the variant has none)
     */
    public static JFreeChart variants(String title, Metric metric, List<String> variants, List<Cell> cells) {
        Si.Scale scale = scaleOf(metric, cells);
        Layers layers = layers(metric, scale, variants.size(), i -> java.util.Collections.singletonList(cells.get(i)),
                new double[] {0}, (i, x) -> i, false, 0.18);
        SymbolAxis x = new SymbolAxis(null, variants.toArray(String[]::new));
        x.setRange(-0.6, variants.size() - 0.4);
        x.setGridBandsVisible(false);
        x.setVerticalTickLabels(variants.stream().mapToInt(String::length).sum() > 36);
        return chart(title, x, valueAxis(metric, scale, layers), layers, false);
    }

    /**
     * A metric along a sweep: a line per variant through its means, with intervals or trial points as in
     * {@link #variants}; variants are dodged sideways a little so their intervals do not overlap.
     *
     * @param xs        the swept values
     * @param log2      whether x is a doubling sweep, drawn on a log2 axis
     * @param byVariant per variant, a cell per x (null where absent)
     */
    public static JFreeChart sweep(String title, Metric metric, String xLabel, double[] xs, boolean log2,
            List<String> variants, List<List<Cell>> byVariant) {
        List<Cell> all = new ArrayList<>();
        byVariant.forEach(all::addAll);
        Si.Scale scale = scaleOf(metric, all);
        int nv = variants.size();
        double span = xs.length < 2 ? 1 : xs[xs.length - 1] - xs[0];
        Dodge dodge = (i, x) -> log2 ? x * Math.pow(2, (i - (nv - 1) / 2.0) * 0.035)
                : x + (i - (nv - 1) / 2.0) * 0.012 * span;
        Layers layers = layers(metric, scale, nv, byVariant::get, xs, dodge, true, 0);
        ValueAxis x;
        if (log2) {
            LogAxis a = new LogAxis(xLabel);
            a.setBase(2);
            a.setTickUnit(new NumberTickUnit(1));
            a.setNumberFormatOverride(new TickFormat(v -> String.format(Locale.ROOT, "%.0f", v)));
            a.setMinorTickMarksVisible(false);
            a.setRange(xs[0] / 1.35, xs[xs.length - 1] * 1.35);
            x = a;
        } else {
            NumberAxis a = new NumberAxis(xLabel);
            double pad = span * 0.06 + (span == 0 ? 1 : 0);
            a.setRange(xs[0] - pad, xs[xs.length - 1] + pad);
            a.setTickUnit(niceUnit((xs[xs.length - 1] - xs[0]) / 4));
            x = a;
        }
        return chart(title, x, valueAxis(metric, scale, layers), layers, true);
    }

    /**
     * Latency CDFs, one line per variant from its trials' merged histograms, on a log10 axis labelled with units
     * at each decade; each line has its variant's marker at the 50th, 90th and 99th percentiles.
     */
    public static JFreeChart cdf(String title, String what, List<String> variants, Map<String, Histogram> byVariant) {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYSeriesCollection marks = new XYSeriesCollection();
        Metric ns = Metric.duration(what, "");
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (String v : variants) {
            XYSeries s = new XYSeries(v, true, true);
            XYSeries m = new XYSeries(v + " percentiles", true, true);
            Histogram h = byVariant.get(v);
            if (h != null && h.getTotalCount() > 0) {
                for (HistogramIterationValue it : h.percentiles(5)) {
                    double x = Math.max(1, it.getValueIteratedTo());
                    s.addOrUpdate(x, it.getPercentileLevelIteratedTo() / 100);
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                for (double p : new double[] {50, 90, 99}) {
                    m.addOrUpdate(Math.max(1, h.getValueAtPercentile(p)), p / 100);
                }
            }
            lines.addSeries(s);
            marks.addSeries(m);
        }
        LogAxis x = new LogAxis(what + " latency");
        x.setBase(10);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new TickFormat(v -> Si.value(ns, v).replace(".00", "").replace(".0 ", " ")));
        x.setMinorTickMarksVisible(true);
        x.setMinorTickCount(9);
        if (hi > 0) {
            x.setRange(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi * 1.0001))));
        }
        NumberAxis y = new NumberAxis("fraction of samples ≤ x");
        y.setRange(0, 1.02);
        y.setTickUnit(new NumberTickUnit(0.25, new java.text.DecimalFormat("0.00")));
        XYPlot plot = new XYPlot(lines, x, y, lineRenderer(variants.size(), false));
        plot.setDataset(1, marks);
        plot.setRenderer(1, markRenderer(variants.size(), true));
        return style(title, plot, true);
    }

    // ----- layers: intervals, trial points and means, one series per variant -----

    private interface Dodge {
        double at(int variant, double x);
    }

    private interface CellsOf {
        List<Cell> of(int variant);
    }

    private record Layers(YIntervalSeriesCollection intervals, XYSeriesCollection points, XYSeriesCollection means,
            double low, double high) {
    }

    /** @param pointShift how far right of its mean a trial point is drawn (categories only) */
    private static Layers layers(Metric metric, Si.Scale scale, int nv, CellsOf cellsOf, double[] xs, Dodge dodge,
            boolean lines, double pointShift) {
        YIntervalSeriesCollection intervals = new YIntervalSeriesCollection();
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeriesCollection means = new XYSeriesCollection();
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        double upper = metric.kind().upperBound();
        for (int v = 0; v < nv; v++) {
            YIntervalSeries is = new YIntervalSeries("v" + v);
            XYSeries ps = new XYSeries("p" + v, false, true);
            XYSeries ms = new XYSeries("m" + v, false, true);
            List<Cell> cells = cellsOf.of(v);
            for (int i = 0; i < xs.length && i < cells.size(); i++) {
                Cell c = cells.get(i);
                if (c == null || c.estimate().n() == 0) {
                    continue;
                }
                double x = dodge.at(v, xs[i]);
                double mean = c.estimate().mean() / scale.divisor();
                if (c.estimate().n() >= ChartStyle.POINTS_BELOW && !Double.isNaN(c.estimate().ciLow())) {
                    double l = Math.max(0, c.estimate().ciLow()) / scale.divisor();
                    double h = Math.min(upper, c.estimate().ciHigh()) / scale.divisor();
                    is.add(x, mean, l, h);
                    lo = Math.min(lo, l);
                    hi = Math.max(hi, h);
                } else {
                    ms.add(x, mean);
                    for (int k = 0; k < c.samples().size(); k++) {
                        double y = c.samples().get(k) / scale.divisor();
                        ps.add(x + pointShift, y);
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                    if (lines) {
                        // keeps the line through every mean, whichever way each point is drawn
                        is.add(x, mean, mean, mean);
                    }
                }
                lo = Math.min(lo, mean);
                hi = Math.max(hi, mean);
            }
            intervals.addSeries(is);
            points.addSeries(ps);
            means.addSeries(ms);
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        return new Layers(intervals, points, means, lo, hi);
    }

    private static Si.Scale scaleOf(Metric metric, List<Cell> cells) {
        double max = 0;
        for (Cell c : cells) {
            if (c != null && c.estimate().n() > 0) {
                max = Math.max(max, Math.abs(c.estimate().mean()));
            }
        }
        return Si.scale(metric, max);
    }

    /** The value axis: unit in the title, four or five round ticks, never below 0 (nor past 1 for a fraction). */
    private static NumberAxis valueAxis(Metric metric, Si.Scale scale, Layers layers) {
        String unit = scale.unit().isEmpty() ? "" : " (" + scale.unit() + ")";
        NumberAxis y = new NumberAxis(metric.name() + unit);
        double span = layers.high() - layers.low();
        double pad = span == 0 ? Math.max(Math.abs(layers.high()) * 0.1, 1e-9) : span * 0.12;
        double lo = Math.max(0, layers.low() - pad);
        double hi = layers.high() + pad;
        if (metric.kind() == MetricKind.FRACTION && layers.high() <= 1) {
            hi = Math.min(hi, 1.0 + pad / 3);
        }
        y.setRange(lo, hi);
        y.setTickUnit(niceUnit((hi - lo) / 4));
        return y;
    }

    /** A round tick step (1, 2, 2.5 or 5 × 10^k) near {@code raw}, with as many decimals as it needs. */
    static NumberTickUnit niceUnit(double raw) {
        if (!(raw > 0)) {
            raw = 1;
        }
        double exp = Math.floor(Math.log10(raw));
        double base = Math.pow(10, exp);
        double f = raw / base;
        double step = (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10) * base;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9) + (step / Math.pow(10,
                Math.floor(Math.log10(step))) == 2.5 ? 1 : 0));
        return new NumberTickUnit(step, new java.text.DecimalFormat(decimals == 0 ? "0"
                : "0." + "0".repeat(decimals)));
    }

    private static JFreeChart chart(String title, ValueAxis x, NumberAxis y, Layers layers, boolean lines) {
        int nv = layers.intervals().getSeriesCount();
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setCapLength(4);
        r.setErrorStroke(ChartStyle.ERROR_BAR);
        r.setDefaultLinesVisible(lines);
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < nv; i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesShape(i, ChartStyle.marker(i));
            r.setSeriesStroke(i, ChartStyle.LINE);
        }
        XYPlot plot = new XYPlot(layers.intervals(), x, y, r);
        plot.setDataset(1, layers.means());
        plot.setRenderer(1, markRenderer(nv, true));
        plot.setDataset(2, layers.points());
        plot.setRenderer(2, markRenderer(nv, false));
        return style(title, plot, lines);
    }

    private static XYLineAndShapeRenderer markRenderer(int nv, boolean filled) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setDefaultShapesFilled(filled);
        r.setUseOutlinePaint(false);
        r.setDrawOutlines(true);
        for (int i = 0; i < nv; i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesShape(i, filled ? ChartStyle.marker(i) : scaled(ChartStyle.marker(i), 0.8));
            r.setSeriesStroke(i, new BasicStroke(0.7f));
            r.setSeriesOutlineStroke(i, new BasicStroke(0.7f));
        }
        return r;
    }

    private static XYLineAndShapeRenderer lineRenderer(int nv, boolean shapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < nv; i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesStroke(i, ChartStyle.LINE);
        }
        return r;
    }

    private static java.awt.Shape scaled(java.awt.Shape s, double f) {
        return java.awt.geom.AffineTransform.getScaleInstance(f, f).createTransformedShape(s);
    }

    private static JFreeChart style(String title, XYPlot plot, boolean domainGrid) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlineStroke(ChartStyle.GRID_STROKE);
        plot.setDomainGridlinesVisible(domainGrid);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setDomainGridlineStroke(ChartStyle.GRID_STROKE);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(4, 2, 2, 16));
        for (ValueAxis a : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            a.setLabelFont(ChartStyle.LABEL);
            a.setTickLabelFont(ChartStyle.TICK);
            a.setLabelPaint(ChartStyle.TEXT);
            a.setTickLabelPaint(ChartStyle.TEXT);
            a.setAxisLinePaint(ChartStyle.AXIS);
            a.setAxisLineStroke(ChartStyle.AXIS_STROKE);
            a.setTickMarkPaint(ChartStyle.AXIS);
            a.setTickMarkStroke(ChartStyle.AXIS_STROKE);
            a.setTickMarkOutsideLength(2.5f);
            a.setMinorTickMarkOutsideLength(1.5f);
        }
        JFreeChart chart = new JFreeChart(null, ChartStyle.PANEL_TITLE, plot, false);
        chart.setTitle(new TextTitle(title, ChartStyle.PANEL_TITLE));
        chart.getTitle().setPaint(ChartStyle.TEXT);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(2, 2, 2, 2));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }
}
