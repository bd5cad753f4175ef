package org.vanish.figure;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.text.G2TextMeasurer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.text.TextBlockAnchor;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.Size2D;

/**
 * A slide's title on one line that, where the chart is too narrow for it (the Lecture tab beside its side panel), takes
 * a smaller font, down to {@link #MIN_SIZE}, before it is cut short with "...": a slide tool's autofit. On a full screen
 * and in exports every title fits at the slide's 28 px. Only for a title at the top or bottom of a chart.
 */
final class FittedTitle extends TextTitle {
    private static final long serialVersionUID = 1L;
    /** The smallest size the title shrinks to, in points: still the largest text of the slide. */
    static final float MIN_SIZE = 20f;
    /** The block laid out by the last {@link #arrange}, in the font that fits. */
    private transient TextBlock fitted;
    /** Its font, set again when it is drawn: the app's graphics measure a block's text with their current font. */
    private transient Font fittedFont;

    FittedTitle(String text, Font font) {
        super(text, font);
        setMaximumLinesToDisplay(1);
    }

    @Override
    public Size2D arrange(Graphics2D g2, RectangleConstraint constraint) {
        RectangleEdge edge = getPosition();
        if (edge != RectangleEdge.TOP && edge != RectangleEdge.BOTTOM) {
            return super.arrange(g2, constraint);
        }
        RectangleConstraint cc = toContentConstraint(constraint);
        LengthConstraintType type = cc.getWidthConstraintType();
        double room = type == LengthConstraintType.FIXED ? cc.getWidth()
                : type == LengthConstraintType.RANGE ? cc.getWidthRange().getUpperBound() : Float.MAX_VALUE;
        G2TextMeasurer measurer = new G2TextMeasurer(g2);
        Font font = fit(getText(), getFont(), room, g2);
        g2.setFont(font);
        fittedFont = font;
        fitted = TextUtils.createTextBlock(getText(), font, getPaint(), (float) room, 1, measurer);
        fitted.setLineAlignment(getTextAlignment());
        Size2D size = fitted.calculateDimensions(g2);
        double width = type == LengthConstraintType.FIXED || getExpandToFitSpace() ? room : size.getWidth();
        return new Size2D(calculateTotalWidth(width), calculateTotalHeight(size.getHeight()));
    }

    /** The font, from font's size down to {@link #MIN_SIZE}, in which text takes at most room pixels. */
    static Font fit(String text, Font font, double room, Graphics2D g2) {
        double width = width(g2, font, text);
        if (width <= room || font.getSize2D() <= MIN_SIZE) {
            return font;
        }
        // widths grow with the size, not quite in proportion (hinting): shrink, then check again
        float size = Math.max(MIN_SIZE, (float) Math.floor(font.getSize2D() * room / width));
        Font smaller = font.deriveFont(size);
        while (size > MIN_SIZE && width(g2, smaller, text) > room) {
            size = Math.max(MIN_SIZE, size - 1);
            smaller = font.deriveFont(size);
        }
        return smaller;
    }

    /**
     * The width of text in font on g2. Through g2's own font, not {@code g2.getFontMetrics(font)}: the app's
     * FXGraphics2D answers that with the metrics of whatever font it currently has.
     */
    static double width(Graphics2D g2, Font font, String text) {
        Font saved = g2.getFont();
        g2.setFont(font);
        try {
            return g2.getFontMetrics().getStringBounds(text, g2).getWidth();
        } finally {
            g2.setFont(saved);
        }
    }

    @Override
    public Object draw(Graphics2D g2, Rectangle2D area, Object params) {
        RectangleEdge edge = getPosition();
        if (edge != RectangleEdge.TOP && edge != RectangleEdge.BOTTOM) {
            return super.draw(g2, area, params);
        }
        if (fitted == null || getText().isEmpty()) {
            return null;
        }
        Rectangle2D outer = trimMargin(area);
        drawBorder(g2, outer);
        Rectangle2D a = trimPadding(trimBorder(outer));
        HorizontalAlignment h = getHorizontalAlignment();
        boolean top = edge == RectangleEdge.TOP;
        float x = (float) (h == HorizontalAlignment.LEFT ? a.getX() : h == HorizontalAlignment.RIGHT ? a.getMaxX()
                : a.getCenterX());
        float y = (float) (top ? a.getY() : a.getMaxY());
        TextBlockAnchor anchor = h == HorizontalAlignment.LEFT
                ? (top ? TextBlockAnchor.TOP_LEFT : TextBlockAnchor.BOTTOM_LEFT)
                : h == HorizontalAlignment.RIGHT ? (top ? TextBlockAnchor.TOP_RIGHT : TextBlockAnchor.BOTTOM_RIGHT)
                : (top ? TextBlockAnchor.TOP_CENTER : TextBlockAnchor.BOTTOM_CENTER);
        g2.setPaint(getPaint());
        g2.setFont(fittedFont);
        fitted.draw(g2, x, y, anchor);
        return null;
    }
}
