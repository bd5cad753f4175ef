package org.vanish.figure;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * A grid of columns × rows values (time steps × hidden units) painted into a {@link BufferedImage}, one pixel
 * per cell, and drawn over an XY plot's data area with nearest-neighbour scaling, so cells stay sharp-edged.
 * Column c is centred on x = x0 + c, row r on y = r; or on x0 + c·dx and y0 + r·dy (a parameter grid such as the
 * phase diagram's, in the axes' own units); or the grid fills a given data rectangle (a loss surface over (w, b)).
 * JFreeChart's block renderer fills one rectangle per cell
 * through the whole Java2D pipeline (180 ms for 64×1000); this writes an int per cell and draws one image.
 * <p>
 * When there are more columns than device pixels across the plot, each pixel column is a bucket of consecutive
 * columns reduced to one value by {@link Reduce}: the image is never wider than the screen or file can show.
 */
final class CellGrid extends AbstractXYAnnotation {
    private static final long serialVersionUID = 1L;

    /** How a bucket of columns becomes one pixel. */
    enum Reduce {
        /** The largest value: a single surviving gradient stays visible however far the view is zoomed out. */
        MAX,
        /** The mean: the typical gate value over the bucket. */
        MEAN
    }

    private final float[] values;
    private final int columns;
    private final int rows;
    private final Rectangle2D area;
    private final ColourMap colours;
    private final Reduce reduce;
    private transient BufferedImage cached;

    /**
     * @param values columns × rows, row-major by column: values[c·rows + r]. Not modified; kept, not copied.
     * @param x0 the x of column 0's centre.
     */
    CellGrid(float[] values, int columns, int rows, double x0, ColourMap colours, Reduce reduce) {
        this(values, columns, rows, new Rectangle2D.Double(x0 - 0.5, -0.5, columns, rows), colours, reduce);
    }

    /** As above, columns dx apart (and dx wide): column c is centred on x = x0 + c·dx. */
    CellGrid(float[] values, int columns, int rows, double x0, double dx, ColourMap colours, Reduce reduce) {
        this(values, columns, rows, new Rectangle2D.Double(x0 - 0.5 * dx, -0.5, columns * dx, rows), colours, reduce);
    }

    /**
     * A grid whose column c is centred on x = x0 + c·dx and row r on y = y0 + r·dy (a parameter grid such as the
     * phase diagram's, in the axes' own units).
     * @param values columns × rows, row-major by column: values[c·rows + r]. Not modified; kept, not copied.
     */
    CellGrid(float[] values, int columns, int rows, double x0, double dx, double y0, double dy, ColourMap colours,
             Reduce reduce) {
        this(values, columns, rows, new Rectangle2D.Double(x0 - 0.5 * dx, y0 - 0.5 * dy, columns * dx, rows * dy),
                colours, reduce);
    }

    /**
     * A grid filling the data rectangle area: column 0 at its left edge, row 0 at its minimum y (at the top of an
     * inverted axis, the bottom of a normal one).
     */
    CellGrid(float[] values, int columns, int rows, Rectangle2D area, ColourMap colours, Reduce reduce) {
        if (values.length != columns * rows || columns < 1 || rows < 1 || !(area.getWidth() > 0)
                || !(area.getHeight() > 0)) {
            throw new IllegalArgumentException(values.length + " values for " + columns + "×" + rows + " cells");
        }
        this.values = values;
        this.columns = columns;
        this.rows = rows;
        this.area = (Rectangle2D) area.clone();
        this.colours = colours;
        this.reduce = reduce;
    }

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    ColourMap colours() {
        return colours;
    }

    /** Cell (c, r)'s value. */
    float value(int c, int r) {
        return values[c * rows + r];
    }

    /**
     * The grid as an image of min(columns, maxWidth) × rows pixels, row r of the image is row r of the grid.
     * With buckets, pixel b covers columns [⌊b·C/w⌋, ⌊(b+1)·C/w⌋).
     */
    BufferedImage image(int maxWidth) {
        int w = Math.max(1, Math.min(columns, maxWidth));
        BufferedImage img = new BufferedImage(w, rows, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[w * rows];
        double[] acc = new double[rows];
        for (int b = 0; b < w; b++) {
            int from = (int) ((long) b * columns / w);
            int to = (int) ((long) (b + 1) * columns / w);
            if (to - from == 1) {
                for (int r = 0; r < rows; r++) {
                    pixels[r * w + b] = colours.rgb(values[from * rows + r]);
                }
                continue;
            }
            reduce(from, to, acc);
            for (int r = 0; r < rows; r++) {
                pixels[r * w + b] = colours.rgb(acc[r]);
            }
        }
        // through the raster, not getData(): the image stays managed (cacheable by the pipeline)
        img.getRaster().setDataElements(0, 0, w, rows, pixels);
        return img;
    }

    private void reduce(int from, int to, double[] acc) {
        boolean max = reduce == Reduce.MAX;
        java.util.Arrays.fill(acc, max ? Double.NEGATIVE_INFINITY : 0);
        for (int c = from; c < to; c++) {
            int o = c * rows;
            for (int r = 0; r < rows; r++) {
                acc[r] = max ? Math.max(acc[r], values[o + r]) : acc[r] + values[o + r];
            }
        }
        if (!max) {
            for (int r = 0; r < rows; r++) {
                acc[r] /= to - from;
            }
        }
    }

    /** The data rectangle the grid covers: by default half a cell beyond the first and last centres. */
    Rectangle2D bounds() {
        return (Rectangle2D) area.clone();
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        Rectangle2D b = bounds();
        double xa = domainAxis.valueToJava2D(b.getMinX(), dataArea, plot.getDomainAxisEdge());
        double xb = domainAxis.valueToJava2D(b.getMaxX(), dataArea, plot.getDomainAxisEdge());
        double ya = rangeAxis.valueToJava2D(b.getMinY(), dataArea, plot.getRangeAxisEdge());
        double yb = rangeAxis.valueToJava2D(b.getMaxY(), dataArea, plot.getRangeAxisEdge());
        // device pixels across: a PNG at scale 2 has twice as many columns to fill as its logical width
        double device = Math.abs(xb - xa) * Math.hypot(g2.getTransform().getScaleX(), g2.getTransform().getShearY());
        int width = (int) Math.min(columns, Math.max(1, Math.ceil(device)));
        BufferedImage img = cached;
        if (img == null || img.getWidth() != width) {
            img = image(width);
            cached = img;
        }
        AffineTransform place = new AffineTransform((xb - xa) / img.getWidth(), 0, 0, (yb - ya) / rows, xa, ya);
        Object hint = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g2.drawImage(img, place, null);
        if (hint != null) {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
        }
    }
}
