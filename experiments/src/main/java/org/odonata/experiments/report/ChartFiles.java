package org.odonata.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Writes a chart as {@code NAME.png} and {@code NAME.svg} (JFreeChart, JFreeSVG), 900×540. */
final class ChartFiles {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    private ChartFiles() {
    }

    static void write(JFreeChart chart, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        ChartUtils.saveChartAsPNG(dir.resolve(name + ".png").toFile(), chart, WIDTH, HEIGHT);
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new java.awt.Rectangle(0, 0, WIDTH, HEIGHT));
        Files.writeString(dir.resolve(name + ".svg"), g.getSVGDocument());
    }

    /** A file-name-safe form of a label. */
    static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
