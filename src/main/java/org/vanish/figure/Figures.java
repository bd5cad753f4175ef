package org.vanish.figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;
import org.vanish.files.AtomicFile;

/**
 * The views by name, and the targets every chart draws to without a display: a {@link BufferedImage} (PNG) at
 * 1×, 2× or 3× and SVG. Files are written to a temporary file in the target's folder and then moved over the
 * target in one step, so a reader never sees half a figure.
 */
public final class Figures {
    /** The views over all compared runs, in menu order: the dashboard's tabs. */
    public static final List<String> NAMES = List.of("gradient-norm", "jacobian-product", "spectrum", "product-spectrum");
    /** Every view by name, for export: {@link #NAMES} and the one-run {@code heatmap} (see {@link HeatmapFigure}). */
    public static final List<String> ALL = List.of("gradient-norm", "jacobian-product", "spectrum", "product-spectrum",
            "heatmap");

    private Figures() {
    }

    /** The view called name with its default options, or empty if there is none. */
    public static Optional<Figure> byName(String name) {
        switch (name) {
            case "gradient-norm": return Optional.of(new GradientNormFigure());
            case "jacobian-product": return Optional.of(new JacobianProductFigure());
            case "spectrum": return Optional.of(new SpectrumFigure());
            case "product-spectrum": return Optional.of(new ProductSpectrumFigure());
            case "heatmap": return Optional.of(new HeatmapFigure());
            default: return Optional.empty();
        }
    }

    /**
     * Draws chart on a white image of (width·scale)×(height·scale) pixels; the layout is that of a
     * width×height figure, magnified, so fonts and lines keep their proportions at every scale.
     */
    public static BufferedImage render(JFreeChart chart, int width, int height, double scale) {
        checkSize(width, height);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, not " + scale);
        }
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, w, h);
            g2.scale(scale, scale);
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return img;
    }

    /** The chart as an SVG document of width×height user units. */
    public static String svg(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** Writes the chart as a PNG of (width·scale)×(height·scale) pixels, atomically. */
    public static void writePng(JFreeChart chart, Path file, int width, int height, double scale) throws IOException {
        BufferedImage img = render(chart, width, height, scale);
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    /** Writes the chart as SVG, atomically. */
    public static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        byte[] doc = svg(chart, width, height).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(doc));
    }

    /**
     * The data coordinates (x, y) under the point at of a chart drawn with info, in the plot under it: an
     * {@link XYPlot}, a sub-plot of a combined plot, or a panel beside colour bars; empty when
     * at is outside every data area.
     */
    public static Optional<double[]> dataPoint(JFreeChart chart, PlotRenderingInfo info, Point2D at) {
        return dataPoint(chart.getPlot(), info, at);
    }

    private static Optional<double[]> dataPoint(Plot plot, PlotRenderingInfo info, Point2D at) {
        if (info == null) {
            return Optional.empty();
        }
        if (plot instanceof ColourBarPlot bars) {
            return info.getSubplotCount() == 0 ? Optional.empty()
                    : dataPoint(bars.panels(), info.getSubplotInfo(0), at);
        }
        if (plot instanceof CombinedDomainXYPlot combined) {
            int i = info.getSubplotIndex(at);
            return i < 0 || i >= combined.getSubplots().size() ? Optional.empty()
                    : dataPoint(combined.getSubplots().get(i), info.getSubplotInfo(i), at);
        }
        if (plot instanceof XYPlot xy) {
            Rectangle2D area = info.getDataArea();
            if (area == null || !area.contains(at)) {
                return Optional.empty();
            }
            return Optional.of(new double[] {
                xy.getDomainAxis().java2DToValue(at.getX(), area, xy.getDomainAxisEdge()),
                xy.getRangeAxis().java2DToValue(at.getY(), area, xy.getRangeAxisEdge())});
        }
        return Optional.empty();
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("figure size must be positive, not " + width + "×" + height);
        }
    }
}
