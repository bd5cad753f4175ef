package org.vanish.figure;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * Two independent XY plots in one chart, left and right, under the chart's one title and legend (JFreeChart's
 * combined plots share an axis; these share nothing). The left plot can be given equal scales on both axes, so
 * that a circle in the complex plane is drawn as a circle.
 */
final class SideBySidePlot extends Plot {
    private static final long serialVersionUID = 1L;
    private static final double GAP = 36;
    /** Room for the tick labels and title of the left plot's axes: "-12.5" and "Im λ" at slide sizes. */
    static final double AXIS_SPACE_LEFT = 110;
    static final double AXIS_SPACE_BOTTOM = 84;

    private final XYPlot left;
    private final XYPlot right;
    private final double leftShare;
    private final Range square;
    private final LegendItemCollection legend;

    /**
     * @param leftShare the left plot's width as a multiple of the area's height (capped at half the width).
     * @param square if not null, the left plot shows at least [lo, hi] on both axes, at one scale for both.
     */
    SideBySidePlot(XYPlot left, XYPlot right, double leftShare, Range square, LegendItemCollection legend) {
        this.left = left;
        this.right = right;
        this.leftShare = leftShare;
        this.square = square;
        this.legend = legend;
        left.setParent(this);
        if (square != null) {
            fixAxisSpaces(left);
        }
        right.setParent(this);
    }

    XYPlot left() {
        return left;
    }

    XYPlot right() {
        return right;
    }

    @Override
    public String getPlotType() {
        return "Side by side";
    }

    @Override
    public LegendItemCollection getLegendItems() {
        return legend;
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
        getInsets().trim(area);
        if (info != null) {
            info.setPlotArea(area);
            info.setDataArea(area);
        }
        double lw = Math.min(area.getWidth() * 0.5, area.getHeight() * leftShare);
        Rectangle2D la = new Rectangle2D.Double(area.getX(), area.getY(), lw, area.getHeight());
        Rectangle2D ra = new Rectangle2D.Double(area.getX() + lw + GAP, area.getY(),
                Math.max(1, area.getWidth() - lw - GAP), area.getHeight());
        if (square != null) {
            equalScales(left, la, square);
        }
        left.draw(g2, la, anchor, parentState, sub(info));
        right.draw(g2, ra, anchor, parentState, sub(info));
    }

    private static PlotRenderingInfo sub(PlotRenderingInfo info) {
        if (info == null) {
            return null;
        }
        PlotRenderingInfo s = new PlotRenderingInfo(info.getOwner());
        info.addSubplotInfo(s);
        return s;
    }

    /**
     * Fixes plot's axis spaces ({@link #AXIS_SPACE_LEFT}, {@link #AXIS_SPACE_BOTTOM}), so that its data area is
     * known before drawing and does not move with the tick labels (see {@link #equalScales}).
     */
    static void fixAxisSpaces(XYPlot plot) {
        AxisSpace y = new AxisSpace();
        y.setLeft(AXIS_SPACE_LEFT);
        plot.setFixedRangeAxisSpace(y, false);
        AxisSpace x = new AxisSpace();
        x.setBottom(AXIS_SPACE_BOTTOM);
        plot.setFixedDomainAxisSpace(x, false);
    }

    /**
     * Sets the ranges of plot (drawn in area, its axis spaces fixed by {@link #fixAxisSpaces}) so that one unit
     * is as many pixels on x as on y and at least square shows on both, widening whichever axis has room to spare.
     */
    static void equalScales(XYPlot plot, Rectangle2D area, Range square) {
        Rectangle2D data = plot.getInsets().createInsetRectangle(area);
        double w = data.getWidth() - AXIS_SPACE_LEFT;
        double h = data.getHeight() - AXIS_SPACE_BOTTOM;
        if (w <= 0 || h <= 0) {
            return;
        }
        double half = 0.5 * square.getLength();
        double mid = square.getCentralValue();
        double ratio = w / h;
        double hx = ratio >= 1 ? half * ratio : half;
        double hy = ratio >= 1 ? half : half / ratio;
        plot.getDomainAxis().setRange(new Range(mid - hx, mid + hx), true, false);
        plot.getRangeAxis().setRange(new Range(mid - hy, mid + hy), true, false);
    }
}
