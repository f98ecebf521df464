package org.odonata.experiments.report;

import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.odonata.experiments.stats.MetricSummary;

/**
 * One metric as bars: a group per workload, a bar per variant at its mean, the error bar its 95% confidence
 * half-width (JFreeChart's statistical renderer draws mean ± the given value).
 */
final class BarChart {

    private BarChart() {
    }

    static JFreeChart of(String title, String metric, List<MetricSummary> rows) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (MetricSummary r : rows) {
            double hw = Double.isNaN(r.estimate().halfWidth()) ? 0 : r.estimate().halfWidth();
            data.add(r.estimate().mean(), hw, r.variant(), r.workload());
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("workload"), new NumberAxis(metric),
                new StatisticalBarRenderer());
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        return chart;
    }
}
