package org.vanish.figure;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYDataset;

/**
 * A pointer whose label, when drawn, takes the first of its placements (an angle from the point and an anchor of the
 * text) that crosses the fewest drawn paths and stays inside the data area; with none inside, the first. Where a
 * label fits without hiding data depends on the chart's size in pixels, so it is decided at drawing, as
 * {@link FittedLabel} decides whether to draw at all. It never notifies its plot: a placement chosen while drawing
 * must not ask for another drawing.
 */
final class ClearPointer extends XYPointerAnnotation {
    private static final long serialVersionUID = 1L;

    /** The label at angle (radians, Java2D: y down) from the point, its text anchored there by anchor. */
    record Placement(double angle, TextAnchor anchor) {
    }

    private final transient List<Placement> placements;
    /** The paths to keep clear: every series' points and the segments between them. */
    private final transient XYDataset paths;

    ClearPointer(String text, double x, double y, List<Placement> placements, XYDataset paths) {
        super(text, x, y, placements.get(0).angle());
        this.placements = List.copyOf(placements);
        this.paths = paths;
        setTextAnchor(placements.get(0).anchor());
        setNotify(false);
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        if (placements != null && paths != null) {   // null: read back from a stream
            RectangleEdge xEdge = plot.getDomainAxisEdge();
            RectangleEdge yEdge = plot.getRangeAxisEdge();
            double px = domainAxis.valueToJava2D(getX(), dataArea, xEdge);
            double py = rangeAxis.valueToJava2D(getY(), dataArea, yEdge);
            double r = getBaseRadius() + getLabelOffset();
            g2.setFont(getFont());
            double[][][] drawn = project(dataArea, domainAxis, rangeAxis, xEdge, yEdge);
            Placement best = placements.get(0);
            int fewest = Integer.MAX_VALUE;
            for (Placement p : placements) {
                Shape box = TextUtils.calculateRotatedStringBounds(getText(), g2,
                        (float) (px + Math.cos(p.angle()) * r), (float) (py + Math.sin(p.angle()) * r), p.anchor(),
                        0, TextAnchor.CENTER);
                if (box == null) {
                    continue;
                }
                Rectangle2D bounds = box.getBounds2D();
                if (!dataArea.contains(bounds)) {
                    continue;
                }
                int crossed = crossings(bounds, drawn);
                if (crossed < fewest) {
                    fewest = crossed;
                    best = p;
                }
            }
            setAngle(best.angle());
            setTextAnchor(best.anchor());
        }
        super.draw(g2, plot, dataArea, domainAxis, rangeAxis, rendererIndex, info);
    }

    /** The paths' points in Java2D: [series][0] the x's, [series][1] the y's. Once per drawing, not per placement. */
    private double[][][] project(Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis, RectangleEdge xEdge,
                                 RectangleEdge yEdge) {
        double[][][] drawn = new double[paths.getSeriesCount()][][];
        for (int s = 0; s < drawn.length; s++) {
            int n = paths.getItemCount(s);
            drawn[s] = new double[2][n];
            for (int i = 0; i < n; i++) {
                drawn[s][0][i] = domainAxis.valueToJava2D(paths.getXValue(s, i), dataArea, xEdge);
                drawn[s][1][i] = rangeAxis.valueToJava2D(paths.getYValue(s, i), dataArea, yEdge);
            }
        }
        return drawn;
    }

    /** How many points and segments of the drawn paths (see {@link #project}) the box meets. */
    private static int crossings(Rectangle2D box, double[][][] drawn) {
        int n = 0;
        for (double[][] path : drawn) {
            double[] xs = path[0];
            double[] ys = path[1];
            for (int i = 0; i < xs.length; i++) {
                if (box.contains(xs[i], ys[i]) || i > 0 && box.intersectsLine(xs[i - 1], ys[i - 1], xs[i], ys[i])) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ClearPointer other && java.util.Objects.equals(other.placements, placements)
                && super.equals(obj);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + java.util.Objects.hashCode(placements);
    }
}
