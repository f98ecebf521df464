/**
 * Paper-ready charts, one rendering layer: JFreeChart panels laid out as small multiples on one Graphics2D, written
 * as PNG (300 dpi), SVG and PDF from the same drawing. The style is {@link ChartStyle}'s. JFreeChart rather than
 * XChart or hand-made Vega-Lite/SVG: it was already embedded, it has log axes of any base with our own tick labels
 * (XChart has only log10), interval renderers whose ends we clip, and it draws on any Graphics2D, so JFreeSVG and
 * pdfbox-graphics2d give vector SVG and PDF of exactly the PNG's drawing without a browser or a second renderer.
 */
package org.odonata.experiments.chart;
