package org.vanish.figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
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
            prepare(g2, w, h);
            g2.scale(scale, scale);
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return img;
    }

    /** Sets the figures' rendering hints on an image's g2 (antialiased, pure strokes) and paints its w×h white. */
    static void prepare(Graphics2D g2, int w, int h) {
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, w, h);
    }

    /** The chart as an SVG document of width×height user units. */
    public static String svg(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return xmlSafe(g2.getSVGDocument());
    }

    /** Writes the chart as a PNG of (width·scale)×(height·scale) pixels, atomically. */
    public static void writePng(JFreeChart chart, Path file, int width, int height, double scale) throws IOException {
        writePng(render(chart, width, height, scale), file);
    }

    /** Writes an image as PNG, atomically (see {@link #png}). */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFile.write(file, png(img));
    }

    /**
     * An image encoded as PNG in memory. ImageIO's own stream would cache through a file in the temporary folder,
     * which on a full disk fails with an exception of ImageIO's and leaves its cache half open; encoding in memory
     * leaves one place that can fail, the atomic write of the bytes.
     */
    public static byte[] png(BufferedImage img) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(img);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Writes the chart as SVG, atomically. */
    public static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        AtomicFile.write(file, svg(chart, width, height));
    }

    /**
     * text with every character XML 1.0 does not allow (controls other than tab, newline and return; unpaired
     * surrogates; U+FFFE, U+FFFF) replaced by U+FFFD, so the SVG of a label such as "a\u0001b" stays well-formed.
     */
    static String xmlSafe(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok) {
                    if (b != null) {
                        b.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c < 0xFFFE);
            }
            if (!ok && b == null) {
                b = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? text : b.toString();
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
