package org.vanish.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;

/**
 * The look of every figure, sized for a slide shown on a projector: 1600×900 logical pixels, a white
 * background, large type, thick lines and the Okabe–Ito palette (distinguishable with every common form of
 * colour blindness). Sizes are logical pixels; an export at scale 2 doubles them all.
 */
public final class SlideStyle {
    /** Default figure size in logical pixels (16:9). */
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 900;

    // the logical font: Java maps it to an installed sans face (DejaVu Sans on Debian) and falls back per glyph
    private static final String FAMILY = Font.SANS_SERIF;
    public static final Font TITLE = new Font(FAMILY, Font.BOLD, 28);
    public static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 18);
    public static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 22);
    public static final Font TICK = new Font(FAMILY, Font.PLAIN, 18);
    public static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 20);
    public static final Font ANNOTATION = new Font(FAMILY, Font.PLAIN, 18);

    /** Width of every data line. */
    public static final float LINE_WIDTH = 2.5f;

    public static final Color INK = new Color(0x222222);
    public static final Color GRID = new Color(0xDDDDDD);
    public static final Color REFERENCE = new Color(0x666666);

    /** Okabe &amp; Ito (2008), reordered so that the runs most often compared get the most distinct hues; yellow last. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xF0E442), // yellow
    };

    private SlideStyle() {
    }

    /** The colour of the run at index i (cycles after eight, the most runs a preset holds). */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A marker shape per run, so that scatter plots do not rely on colour alone. */
    static Shape marker(int i) {
        double s = 11;
        switch (Math.floorMod(i, 6)) {
            case 0: return new Ellipse2D.Double(-s / 2, -s / 2, s, s);
            case 1: return new Rectangle2D.Double(-s / 2 + 1, -s / 2 + 1, s - 2, s - 2);
            case 2: return ShapeUtils.createUpTriangle((float) (s / 2 + 1));
            case 3: return ShapeUtils.createDiamond((float) (s / 2 + 1));
            case 4: return ShapeUtils.createDownTriangle((float) (s / 2 + 1));
            default: return ShapeUtils.createDiagonalCross((float) (s / 2), 1.5f);
        }
    }

    /** The stroke of a measured quantity. */
    static BasicStroke solid() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** The stroke of a second measured quantity of the same run. */
    static BasicStroke dashed() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {12f, 7f}, 0f);
    }

    /** The stroke of a theoretical line. */
    static BasicStroke dotted() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {0.5f, 6f}, 0f);
    }

    /** The stroke of a statistical prediction (the mean field): dashes twice as long as {@link #dashed()}'s. */
    static BasicStroke longDashed() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {26f, 9f}, 0f);
    }

    /** The stroke of a bound. */
    static BasicStroke dashDotted() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {14f, 5f, 2f, 5f}, 0f);
    }

    /** A thin stroke for reference curves (the unit circle). */
    static BasicStroke reference(boolean dashed) {
        return dashed
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 6f}, 0f)
                : new BasicStroke(2f);
    }

    /** The line a legend item shows: long enough to tell dashes from dots. */
    static Shape legendLine() {
        return new Line2D.Double(-22, 0, 22, 0);
    }

    /** A number axis with slide fonts. */
    /** An empty slide-styled plot with these axes (x and y are not modified otherwise). */
    static XYPlot plot(ValueAxis x, ValueAxis y) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        style(plot);
        return plot;
    }

    static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        style(a);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    static void style(ValueAxis a) {
        a.setLabelFont(AXIS_LABEL);
        a.setLabelPaint(INK);
        a.setTickLabelFont(TICK);
        a.setTickLabelPaint(INK);
        a.setAxisLinePaint(REFERENCE);
        a.setTickMarkPaint(REFERENCE);
        // JFreeChart's 0.5 px hairlines vanish in SVG viewers and on projectors
        a.setAxisLineStroke(new BasicStroke(1.5f));
        a.setTickMarkStroke(new BasicStroke(1.5f));
        a.setTickMarkOutsideLength(6f);
        a.setLabelInsets(new RectangleInsets(8, 8, 8, 8));
        // generous gaps between tick labels make the axis pick fewer, further apart ticks: readable from the back
        a.setTickLabelInsets(new RectangleInsets(9, 10, 9, 10));
    }

    /** White plot, light grid. */
    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(REFERENCE);
        plot.setOutlineStroke(new BasicStroke(1.5f));
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        // room on the right for half of the last tick label ("100,000")
        plot.setInsets(new RectangleInsets(8, 8, 8, 40));
    }

    /** White background, title and subtitle, legend below the plot. */
    static void style(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(16, 16, 12, 16));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            // one line: a long title takes a smaller font on a narrow chart, and only then ends in "...", rather than
            // wrapping over the plot
            TextTitle title = new FittedTitle(chart.getTitle().getText(), TITLE);
            title.setPaint(INK);
            title.setMargin(0, 0, 4, 0);
            chart.setTitle(title);
        }
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(breakingBetweenItems(subtitle), SUBTITLE);
            sub.setPaint(REFERENCE);
            sub.setMargin(0, 0, 10, 0);
            sub.setMaximumLinesToDisplay(2);
            chart.addSubtitle(0, sub);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            style(legend);
        }
    }

    /**
     * A subtitle "rnn tanh · T = 12 · W scale 1" that wraps only between its items: the spaces inside an item become
     * no-break spaces, and each separator " · " (of any spaces) is three no-break spaces, the dot and an em space (as
     * wide as the three), after which a line may break, so that a narrow chart does not end a line with "W" and start
     * the next with "scale 1". No run of ordinary spaces, which SVG would collapse; and not an ordinary space after
     * no-break ones, which Java's line breaking glues to them. A dot with no space beside it is a product inside
     * an item (the cliff's "w·σ(xₜ₋₁)"), not a separator.
     */
    static String breakingBetweenItems(String subtitle) {
        String[] items = subtitle.split("[\\s\u00a0]+·[\\s\u00a0]+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append("\u00a0\u00a0\u00a0·\u2003");
            }
            sb.append(items[i].strip().replace(' ', '\u00a0'));
        }
        return sb.toString();
    }

    /** A legend row below the plot. */
    static void style(LegendTitle legend) {
        legend.setItemFont(LEGEND);
        legend.setItemPaint(INK);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setMargin(new RectangleInsets(12, 0, 0, 0));
        legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 18));
    }
}
