package org.vanish.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Panels stacked over one time axis, each colour bar drawn beside the panels it explains and exactly as tall
 * as them (JFreeChart's own {@link PaintScaleLegend} is a chart title and spans the whole chart's height, which
 * leaves two bars side by side and the reader to guess which is whose).
 */
final class ColourBarPlot extends Plot {
    private static final long serialVersionUID = 1L;
    /** Room right of the panels for a bar: strip, tick labels ("-12.5") and the rotated axis label. */
    static final double BAR_SPACE = 150;
    private static final double STRIP = 22;

    /** A colour bar beside subplots first..last (indices into the combined plot's subplots). */
    record Bar(PaintScaleLegend legend, int first, int last) {
    }

    private final CombinedDomainXYPlot panels;
    private final List<Bar> bars = new ArrayList<>();

    ColourBarPlot(CombinedDomainXYPlot panels) {
        this.panels = panels;
        panels.setParent(this);
    }

    CombinedDomainXYPlot panels() {
        return panels;
    }

    List<Bar> bars() {
        return bars;
    }

    /** Adds a bar for the colour map beside subplots first..last, its axis labelled label. */
    void addBar(ColourMap colours, String label, int first, int last) {
        bars.add(new Bar(legend(colours, label), first, last));
    }

    /**
     * A slide-styled colour bar for the colour map, its axis labelled label: drawn here beside the panels, or
     * added to a one-panel chart as a title at its right edge.
     */
    static PaintScaleLegend legend(ColourMap colours, String label) {
        NumberAxis axis = SlideStyle.axis(label);
        axis.setRange(colours.getLowerBound(), colours.getUpperBound());
        axis.setLabelInsets(new RectangleInsets(4, 6, 4, 4));
        // the strip's outline is the axis line
        axis.setAxisLineVisible(false);
        PaintScaleLegend legend = new PaintScaleLegend(colours, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(STRIP);
        legend.setAxisOffset(0);
        legend.setSubdivisionCount(ColourMap.LEVELS);
        legend.setStripOutlineVisible(true);
        legend.setStripOutlinePaint(SlideStyle.REFERENCE);
        legend.setStripOutlineStroke(new BasicStroke(1.5f));
        legend.setBackgroundPaint(Color.WHITE);
        legend.setMargin(0, 24, 0, 0);
        legend.setPadding(0, 0, 0, 0);
        return legend;
    }

    @Override
    public String getPlotType() {
        return "Panels with colour bars";
    }

    @Override
    public LegendItemCollection getLegendItems() {
        return new LegendItemCollection();
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
        getInsets().trim(area);
        if (info != null) {
            info.setPlotArea(area);
            info.setDataArea(area);
        }
        double space = bars.isEmpty() ? 0 : BAR_SPACE;
        Rectangle2D left = new Rectangle2D.Double(area.getX(), area.getY(), Math.max(1, area.getWidth() - space),
                area.getHeight());
        // the subplots' data areas are only known after drawing: always collect them
        PlotRenderingInfo sub = info == null ? new ChartRenderingInfo().getPlotInfo() : new PlotRenderingInfo(info.getOwner());
        if (info != null) {
            info.addSubplotInfo(sub);
        }
        panels.draw(g2, left, anchor, parentState, sub);
        for (Bar bar : bars) {
            if (bar.last() >= sub.getSubplotCount()) {
                continue;
            }
            Rectangle2D top = sub.getSubplotInfo(bar.first()).getDataArea();
            Rectangle2D bottom = sub.getSubplotInfo(bar.last()).getDataArea();
            bar.legend().draw(g2, new Rectangle2D.Double(left.getMaxX(), top.getMinY(), space,
                    bottom.getMaxY() - top.getMinY()));
        }
    }
}
