package org.odonata.experiments.report;

import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency CDFs: one line per variant, from the histograms of all its trials merged; x is the latency in
 * microseconds on a log axis, y the fraction of samples at or below it.
 */
final class LatencyCdf {

    private LatencyCdf() {
    }

    static JFreeChart of(String title, Map<String, Histogram> byVariant) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Histogram> e : byVariant.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), true, true);
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            for (HistogramIterationValue v : h.percentiles(5)) {
                s.addOrUpdate(Math.max(0.001, v.getValueIteratedTo() / 1000.0), v.getPercentileLevelIteratedTo() / 100);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "latency (us)", "fraction of samples", data,
                PlotOrientation.VERTICAL, true, false, false);
        LogarithmicAxis x = new LogarithmicAxis("latency (us)");
        x.setAllowNegativesFlag(false);
        chart.getXYPlot().setDomainAxis(x);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        return chart;
    }
}
