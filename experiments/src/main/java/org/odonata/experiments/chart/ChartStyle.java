package org.odonata.experiments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The one style every chart uses, sized for a paper (lengths in points, 72 to the inch):
 * <ul>
 * <li>a figure is at most 7 inches wide (a two-column page), each panel about 2.3 × 1.9 inches; text is
 * SansSerif (DejaVu Sans on Debian) at 7–9 pt, so it stays readable printed at that size;</li>
 * <li>white background, no plot outline, axis lines in dark grey, light grey grid lines on the value axis;</li>
 * <li>the Okabe–Ito palette (safe for the common colour-vision deficiencies and in greyscale order), without its
 * yellow, and a distinct marker per variant, so series stay apart without colour;</li>
 * <li>one panel per workload (small multiples), each with its own value axis, never unrelated workloads on a
 * shared one;</li>
 * <li>value axes in SI units with the unit in the axis title; doubling sweeps (1, 2, 4, 8) on a log2 axis; latency
 * CDFs on a log10 axis labelled with units at every decade;</li>
 * <li>intervals never cross a physical bound (0, and 1 for fractions); with fewer than
 * {@value #POINTS_BELOW} trials the trials are drawn as points instead of an interval;</li>
 * <li>a caption under every figure: what is drawn, which interval, the machine, the seed and the trial count.</li>
 * </ul>
 */
public final class ChartStyle {

    /** Below this many trials a chart shows every trial instead of an interval. */
    public static final int POINTS_BELOW = 5;

    /** Okabe & Ito (2008): blue, vermillion, bluish green, reddish purple, orange, sky blue, black. */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

    static final Color AXIS = new Color(0x333333);
    static final Color GRID = new Color(0xDDDDDD);
    static final Color TEXT = new Color(0x111111);
    static final Color CAPTION = new Color(0x444444);

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 9);
    static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 8);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 7);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 7);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 7);
    static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 6);

    static final double MAX_WIDTH = 7 * 72;
    static final double MIN_WIDTH = 3.6 * 72;
    static final double PANEL_WIDTH = 2.3 * 72;
    static final double PANEL_HEIGHT = 1.9 * 72;
    static final double MARKER = 2.6;

    static final Stroke LINE = new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke ERROR_BAR = new BasicStroke(0.9f);
    static final Stroke GRID_STROKE = new BasicStroke(0.4f);
    static final Stroke AXIS_STROKE = new BasicStroke(0.6f);

    /** PNG resolution. */
    static final int DPI = 300;

    private ChartStyle() {
    }

    static Color color(int series) {
        return PALETTE[series % PALETTE.length];
    }

    /** Circle, square, triangle, diamond, inverted triangle, cross, star: filled markers {@code MARKER} pt across. */
    static Shape marker(int series) {
        double r = MARKER;
        return switch (series % 7) {
            case 0 -> new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
            case 1 -> new Rectangle2D.Double(-r * 0.9, -r * 0.9, 1.8 * r, 1.8 * r);
            case 2 -> polygon(new double[] {0, r * 1.1, -r * 1.1}, new double[] {-r * 1.15, r * 0.85, r * 0.85});
            case 3 -> polygon(new double[] {0, r * 1.2, 0, -r * 1.2}, new double[] {-r * 1.2, 0, r * 1.2, 0});
            case 4 -> polygon(new double[] {0, r * 1.1, -r * 1.1}, new double[] {r * 1.15, -r * 0.85, -r * 0.85});
            case 5 -> cross(r);
            default -> star(r * 1.25);
        };
    }

    private static Shape polygon(double[] xs, double[] ys) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        return p;
    }

    private static Shape cross(double r) {
        double w = r * 0.38;
        return polygon(new double[] {-w, w, w, r, r, w, w, -w, -w, -r, -r, -w},
                new double[] {-r, -r, -w, -w, w, w, r, r, w, w, -w, -w});
    }

    private static Shape star(double r) {
        double[] xs = new double[10];
        double[] ys = new double[10];
        for (int i = 0; i < 10; i++) {
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double rr = i % 2 == 0 ? r : r * 0.45;
            xs[i] = rr * Math.cos(a);
            ys[i] = rr * Math.sin(a);
        }
        return polygon(xs, ys);
    }
}
