package org.odonata.experiments.report;

import java.util.ArrayList;
import java.util.List;

import org.odonata.experiments.spec.Spec;
import org.odonata.experiments.stats.Comparison;
import org.odonata.experiments.stats.Estimate;
import org.odonata.experiments.stats.MetricSummary;
import org.odonata.experiments.stats.Summary;
import org.odonata.experiments.stats.Tests;
import org.odonata.experiments.units.Si;

/**
 * The comparison tables of a run, one per sweep point and workload, as cells with units: the full form for
 * report.md and report.html (mean ± interval, difference with its interval and p-value, or n/a with the
 * reason) and the compact form for the terminal (mean, difference, a star where p &lt; 0.05).
 */
final class Tables {

    /** One table: a row per selected metric, a column per variant. */
    record Table(String point, String workload, List<String> variants, List<List<MetricSummary>> rows) {

        String title() {
            return workload + ("-".equals(point) ? "" : " @ " + point);
        }
    }

    private Tables() {
    }

    static List<Table> of(List<Spec> points, Summary summary) {
        List<Table> out = new ArrayList<>();
        for (Spec point : points) {
            List<String> metrics = new MetricSelection(point.metrics()).select(summary.metrics());
            for (String workload : point.workloads()) {
                List<List<MetricSummary>> rows = new ArrayList<>();
                for (String metric : metrics) {
                    List<MetricSummary> cells = summary.select(point.pointLabel(), workload, metric);
                    if (!cells.isEmpty()) {
                        rows.add(cells);
                    }
                }
                out.add(new Table(point.pointLabel(), workload,
                        point.variants().stream().map(v -> v.name()).toList(), rows));
            }
        }
        return out;
    }

    /** The mean and its interval: {@code 17.7 M msg/s ± 4.0 M}, or {@code –} without trials. */
    static String estimate(MetricSummary r) {
        Estimate e = r.estimate();
        return e.n() == 0 ? "–" : Si.estimate(r.unit(), e.mean(), e.halfWidth());
    }

    /**
     * The comparison with the baseline: {@code +7.9% [+2.1%, +13.7%], p = 0.012}; n/a with the reason where a
     * relative difference means nothing; empty for the baseline.
     */
    static String comparison(MetricSummary r, Estimate baseline) {
        Comparison c = r.vsBaseline();
        if (c.isBaseline() || r.estimate().n() == 0) {
            return "";
        }
        if (c.relativeNote().equals(Tests.BOTH_ZERO)) {
            return Tests.BOTH_ZERO;
        }
        if (c.pNote().equals(Tests.IDENTICAL)) {
            return "identical to the baseline in every trial";
        }
        String diff;
        if (Double.isNaN(c.relativeDifference())) {
            diff = "Δ n/a: " + c.relativeNote();
        } else {
            diff = Si.percent(c.relativeDifference());
            double base = Math.abs(baseline.mean());
            if (!Double.isNaN(c.differenceLow()) && base > 0) {
                diff += " [" + Si.percent(c.differenceLow() / base) + ", " + Si.percent(c.differenceHigh() / base)
                        + "]";
            }
        }
        String p = Double.isNaN(c.pValue()) ? "p n/a: " + c.pNote() : Si.pValue(c.pValue());
        return diff + "; " + p;
    }

    /** The compact comparison: {@code +7.9%*}, {@code n/a}. */
    static String compactComparison(MetricSummary r) {
        Comparison c = r.vsBaseline();
        if (c.isBaseline() || r.estimate().n() == 0) {
            return "";
        }
        if (Double.isNaN(c.relativeDifference())) {
            return "n/a";
        }
        if (c.pNote().equals(Tests.IDENTICAL)) {
            return "=";
        }
        return Si.percent(c.relativeDifference()) + (c.pValue() < 0.05 ? "*" : "");
    }

    /** Markdown: the full table. */
    static String markdown(Table t) {
        StringBuilder b = new StringBuilder("| metric |");
        t.variants().forEach(v -> b.append(' ').append(v).append(" |"));
        b.append("\n|---|");
        t.variants().forEach(v -> b.append("---|"));
        b.append('\n');
        for (List<MetricSummary> row : t.rows()) {
            b.append("| ").append(row.get(0).metric()).append(" |");
            Estimate base = row.get(0).estimate();
            for (MetricSummary r : row) {
                String cmp = comparison(r, base);
                b.append(' ').append(estimate(r)).append(cmp.isEmpty() ? "" : " (" + cmp + ")").append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The terminal's compact table: the mean with its unit, and the difference with a star where p &lt; 0.05. */
    static String compact(Table t) {
        List<String[]> lines = new ArrayList<>();
        String[] head = new String[t.variants().size() + 1];
        head[0] = t.title();
        for (int i = 0; i < t.variants().size(); i++) {
            head[i + 1] = t.variants().get(i);
        }
        lines.add(head);
        for (List<MetricSummary> row : t.rows()) {
            String[] line = new String[row.size() + 1];
            line[0] = row.get(0).metric();
            for (int i = 0; i < row.size(); i++) {
                MetricSummary r = row.get(i);
                String cmp = compactComparison(r);
                line[i + 1] = (r.estimate().n() == 0 ? "–" : Si.value(r.unit(), r.estimate().mean()))
                        + (cmp.isEmpty() ? "" : " " + cmp);
            }
            lines.add(line);
        }
        int[] width = new int[head.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                b.append(i == 0 ? pad(l[i], width[i]) : "  " + left(l[i], width[i]));
            }
            b.append('\n');
        }
        return b.toString().replaceAll(" +\n", "\n");
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String left(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
