/**
 * Paper-ready charts, one rendering layer: JFreeChart panels laid out as small multiples on one Graphics2D, written
 * as PNG (300 dpi), SVG and PDF from the same drawing. The style is {@link ChartStyle}'s.
 */
package org.odonata.experiments.chart;
