package org.odonata.experiments.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;

/**
 * A figure: a title, a legend shared by its panels (a colour and marker per series), the panels as small
 * multiples in a grid, and a caption. It is drawn once per format on a Graphics2D in points, and written as
 * {@code NAME.png} (300 dpi), {@code NAME.svg} and {@code NAME.pdf}.
 */
public final class Figure {

    private static final double MARGIN = 6;
    private static final double GAP = 4;

    private final String title;
    private final List<String> legend;
    private final List<JFreeChart> panels;
    private final String caption;
    private final int columns;

    /**
     * @param legend the series names in series order (their colours and markers are {@link ChartStyle}'s)
     */
    public Figure(String title, List<String> legend, List<JFreeChart> panels, String caption) {
        this.title = title;
        this.legend = List.copyOf(legend);
        this.panels = List.copyOf(panels);
        this.caption = caption;
        this.columns = Math.max(1, Math.min(panels.size(), (int) (ChartStyle.MAX_WIDTH / ChartStyle.PANEL_WIDTH)));
    }

    /** Panels side by side up to the page's width; a lone panel is widened so title and caption fit. */
    double width() {
        return Math.min(ChartStyle.MAX_WIDTH, Math.max(ChartStyle.MIN_WIDTH, columns * ChartStyle.PANEL_WIDTH)
                + 2 * MARGIN);
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    double height() {
        return MARGIN + 14 + (legend.isEmpty() ? 0 : 12) + rows() * ChartStyle.PANEL_HEIGHT + GAP
                + captionLines().size() * 8.0 + MARGIN;
    }

    /** Writes {@code NAME.png}, {@code NAME.svg} and {@code NAME.pdf} into {@code dir}. */
    public void write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        writePng(dir.resolve(name + ".png"));
        SVGGraphics2D svg = new SVGGraphics2D(width(), height(), SVGUnits.PT);
        draw(svg);
        Files.writeString(dir.resolve(name + ".svg"), svg.getSVGDocument());
        writePdf(dir.resolve(name + ".pdf"));
    }

    private void writePng(Path file) throws IOException {
        double scale = ChartStyle.DPI / 72.0;
        BufferedImage image = new BufferedImage((int) Math.ceil(width() * scale), (int) Math.ceil(height() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        draw(g);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        setDpi(meta);
        try (OutputStream out = Files.newOutputStream(file); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    /** The PNG's pHYs chunk: 300 dots per inch (11811 per metre), so a word processor places it at its printed size. */
    private static void setDpi(IIOMetadata meta) throws IOException {
        String perMetre = Long.toString(Math.round(ChartStyle.DPI / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        try {
            meta.mergeTree("javax_imageio_png_1.0", root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("cannot set the PNG's resolution", e);
        }
    }

    private void writePdf(Path file) throws IOException {
        float w = (float) width();
        float h = (float) height();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
            draw(g);
            g.dispose();
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawForm(g.getXFormObject());
            }
            doc.save(file.toFile());
        }
    }

    /** Draws the whole figure with its top left corner at the origin, in points. */
    void draw(Graphics2D g) {
        double w = width();
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, w, height()));
        double y = MARGIN;
        g.setFont(ChartStyle.TITLE);
        g.setColor(ChartStyle.TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (float) MARGIN, (float) (y + fm.getAscent()));
        y += 14;
        if (!legend.isEmpty()) {
            drawLegend(g, y);
            y += 12;
        }
        for (int i = 0; i < panels.size(); i++) {
            double px = MARGIN + (i % columns) * ((w - 2 * MARGIN) / columns);
            double py = y + (i / columns) * ChartStyle.PANEL_HEIGHT;
            panels.get(i).draw(g, new Rectangle2D.Double(px, py, (w - 2 * MARGIN) / columns, ChartStyle.PANEL_HEIGHT));
        }
        y += rows() * ChartStyle.PANEL_HEIGHT + GAP;
        g.setFont(ChartStyle.CAPTION_FONT);
        g.setColor(ChartStyle.CAPTION);
        fm = g.getFontMetrics();
        for (String line : captionLines()) {
            g.drawString(line, (float) MARGIN, (float) (y + fm.getAscent()));
            y += 8;
        }
    }

    private void drawLegend(Graphics2D g, double y) {
        g.setFont(ChartStyle.LEGEND);
        FontMetrics fm = g.getFontMetrics();
        double x = MARGIN;
        for (int i = 0; i < legend.size(); i++) {
            Shape marker = ChartStyle.marker(i);
            AffineTransform saved = g.getTransform();
            g.translate(x + ChartStyle.MARKER + 5, y + 5);
            g.setColor(ChartStyle.color(i));
            g.setStroke(ChartStyle.LINE);
            g.draw(new java.awt.geom.Line2D.Double(-7, 0, 7, 0));
            g.fill(marker);
            g.setTransform(saved);
            g.setColor(ChartStyle.TEXT);
            double tx = x + 2 * ChartStyle.MARKER + 12;
            g.drawString(legend.get(i), (float) tx, (float) (y + 5 + fm.getAscent() / 2.0 - 1));
            x = tx + fm.stringWidth(legend.get(i)) + 12;
        }
    }

    /** The caption, wrapped to the figure's width at the caption font's average character width. */
    private List<String> captionLines() {
        int perLine = (int) ((width() - 2 * MARGIN) / 3.1);
        List<String> out = new ArrayList<>();
        for (String para : caption.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                if (line.length() + word.length() + 1 > perLine && !line.isEmpty()) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.isEmpty() ? "" : " ").append(word);
            }
            if (!line.isEmpty()) {
                out.add(line.toString());
            }
        }
        return out;
    }
}
