package org.odonata.experiments.report;

import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.odonata.experiments.stats.Estimate;

/**
 * A sweep: one line per variant through the mean of a metric at each point, with its 95% confidence band;
 * x is the point's position (numeric sweep values are used as x when there is a single numeric key).
 */
final class SweepChart {

    private SweepChart() {
    }

    /**
     * @param xs         the x of each point
     * @param byVariant  each variant's estimate at each point, in point order (null where absent)
     */
    static JFreeChart of(String title, String xLabel, String metric, double[] xs,
            Map<String, List<Estimate>> byVariant) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<Estimate>> e : byVariant.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey());
            for (int i = 0; i < xs.length; i++) {
                Estimate est = e.getValue().get(i);
                if (est == null || Double.isNaN(est.mean())) {
                    continue;
                }
                double lo = Double.isNaN(est.ciLow()) ? est.mean() : est.ciLow();
                double hi = Double.isNaN(est.ciHigh()) ? est.mean() : est.ciHigh();
                s.add(xs[i], est.mean(), lo, hi);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, metric, data, PlotOrientation.VERTICAL,
                true, false, false);
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.15f);
        chart.getXYPlot().setRenderer(r);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        return chart;
    }
}
