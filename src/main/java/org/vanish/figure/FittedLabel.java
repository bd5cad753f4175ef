package org.vanish.figure;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A text annotation drawn only where it fits: in the room of a given width in data units around its x. A label
 * between two nodes of a small chart (the app's lecture tab rather than a 1600-pixel slide) would otherwise run
 * into its neighbours; there the chart leaves it out and the explanation carries the number.
 */
final class FittedLabel extends XYTextAnnotation {
    private static final long serialVersionUID = 1L;
    private final double room;

    /** A label at (x, y) that may take room data units across, centred on x. */
    FittedLabel(String text, double x, double y, double room) {
        super(text, x, y);
        this.room = room;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        RectangleEdge edge = plot.getDomainAxisEdge();
        double across = Math.abs(domainAxis.valueToJava2D(getX() + room / 2, dataArea, edge)
                - domainAxis.valueToJava2D(getX() - room / 2, dataArea, edge));
        if (FittedTitle.width(g2, getFont(), getText()) <= across) {
            super.draw(g2, plot, dataArea, domainAxis, rangeAxis, rendererIndex, info);
        }
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FittedLabel other && other.room == room && super.equals(obj);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(room);
    }
}
