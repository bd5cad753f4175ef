package org.vanish.figure;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A text annotation drawn only where it fits: in the room of a given width in data units around its x. A label
 * between two nodes of a small chart (the app's lecture tab rather than a 1600-pixel slide) would otherwise run
 * into its neighbours; there the chart leaves it out and the explanation carries the number. Labels made with one
 * row are drawn all or none: a row of numbers on the edges of a chain where only the shortest fitted showed one
 * number on one edge (the unrolled view on the Lecture tab at 1280×800: "1.2" alone, mid-chain).
 */
final class FittedLabel extends XYTextAnnotation {
    private static final long serialVersionUID = 1L;
    private final double room;
    /** The labels drawn all or none with this one (this one among them). */
    private final transient List<FittedLabel> row;

    /** A label at (x, y) that may take room data units across, centred on x. */
    FittedLabel(String text, double x, double y, double room) {
        this(text, x, y, room, new ArrayList<>());
    }

    /** A label as above, drawn only if every label made with the same row fits; it joins row. */
    FittedLabel(String text, double x, double y, double room, List<FittedLabel> row) {
        super(text, x, y);
        this.room = room;
        this.row = row;
        row.add(this);
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        RectangleEdge edge = plot.getDomainAxisEdge();
        for (FittedLabel l : row == null ? List.of(this) : row) {   // null: read back from a stream
            if (!l.fits(g2, dataArea, domainAxis, edge)) {
                return;
            }
        }
        super.draw(g2, plot, dataArea, domainAxis, rangeAxis, rendererIndex, info);
    }

    /** Whether the text takes at most its room across, in pixels on g2. */
    private boolean fits(Graphics2D g2, Rectangle2D dataArea, ValueAxis domainAxis, RectangleEdge edge) {
        double across = Math.abs(domainAxis.valueToJava2D(getX() + room / 2, dataArea, edge)
                - domainAxis.valueToJava2D(getX() - room / 2, dataArea, edge));
        return FittedTitle.width(g2, getFont(), getText()) <= across;
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
