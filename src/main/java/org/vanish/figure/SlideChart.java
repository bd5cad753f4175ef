package org.vanish.figure;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;

/**
 * A chart that keeps the slide's proportions when it is given less room than a slide: below
 * {@link #MIN_WIDTH}×{@link #MIN_HEIGHT} it is laid out at that size (or larger, in the area's shape) and drawn
 * shrunk to fit, fonts and lines with it, as a slide is on a small screen. Laid out at the small size instead,
 * the slide's 28 px title wraps to four lines and the plot is left a strip. The rendering info (data areas,
 * entities) is given back in the area's own coordinates, so clicks and tooltips land where they are drawn.
 */
public final class SlideChart extends JFreeChart {
    private static final long serialVersionUID = 1L;
    /** The smallest figure laid out as it is drawn, in logical pixels: half a 1600×900 slide and a bit. */
    public static final double MIN_WIDTH = 800;
    public static final double MIN_HEIGHT = 560;

    /** As {@link JFreeChart#JFreeChart(String, Font, Plot, boolean)}. */
    public SlideChart(String title, Font titleFont, Plot plot, boolean createLegend) {
        super(title, titleFont, plot, createLegend);
    }

    /** The factor a figure of width×height is shrunk by: 1 from {@link #MIN_WIDTH}×{@link #MIN_HEIGHT} on. */
    public static double shrink(double width, double height) {
        return Math.min(1, Math.min(width / MIN_WIDTH, height / MIN_HEIGHT));
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, ChartRenderingInfo info) {
        double k = shrink(area.getWidth(), area.getHeight());
        if (k >= 1 || !(k > 0)) {
            super.draw(g2, area, anchor, info);
            return;
        }
        AffineTransform toArea = new AffineTransform();
        toArea.translate(area.getX(), area.getY());
        toArea.scale(k, k);
        AffineTransform saved = g2.getTransform();
        Rectangle2D laidOut = new Rectangle2D.Double(0, 0, area.getWidth() / k, area.getHeight() / k);
        Point2D at = anchor == null ? null
                : new Point2D.Double((anchor.getX() - area.getX()) / k, (anchor.getY() - area.getY()) / k);
        try {
            g2.transform(toArea);
            super.draw(g2, laidOut, at, info);
        } finally {
            g2.setTransform(saved);
        }
        if (info != null) {
            info.setChartArea(area);
            moved(info.getPlotInfo(), toArea);
            EntityCollection entities = info.getEntityCollection();
            if (entities != null) {
                for (Object e : entities.getEntities()) {
                    ChartEntity entity = (ChartEntity) e;
                    entity.setArea(moved(entity.getArea(), area.getX(), area.getY(), k));
                }
            }
        }
    }

    private static void moved(PlotRenderingInfo info, AffineTransform t) {
        if (info == null) {
            return;
        }
        info.setPlotArea(box(info.getPlotArea(), t));
        info.setDataArea(box(info.getDataArea(), t));
        for (int i = 0; i < info.getSubplotCount(); i++) {
            moved(info.getSubplotInfo(i), t);
        }
    }

    /**
     * s shrunk by k about the origin and moved to (x, y): a rectangle (what a line chart's data points are, thousands
     * per redraw) as a rectangle, any other shape through the transform.
     */
    static Shape moved(Shape s, double x, double y, double k) {
        if (s instanceof Rectangle2D) {
            Rectangle2D r = (Rectangle2D) s;
            return new Rectangle2D.Double(x + k * r.getX(), y + k * r.getY(), k * r.getWidth(), k * r.getHeight());
        }
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.scale(k, k);
        return t.createTransformedShape(s);
    }

    private static Rectangle2D box(Shape s, AffineTransform t) {
        return s == null ? null : t.createTransformedShape(s).getBounds2D();
    }
}
