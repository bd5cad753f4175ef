package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.text.G2TextMeasurer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.text.TextLine;
import org.jfree.chart.text.TextUtils;
import org.junit.jupiter.api.Test;

/** A subtitle wraps between its items, never inside one ("W" at the end of a line, "scale 1" on the next). */
class SubtitleBreakTest {
    private static final String SUBTITLE = "rnn tanh   ·   T = 12\u00a0\u00a0\u00a0·\u00a0\u00a0\u00a0n = 16\u00a0\u00a0\u00a0·"
            + "\u00a0\u00a0\u00a0gaussian init, gain 1\u00a0\u00a0\u00a0·\u00a0\u00a0\u00a0W scale 1";

    @Test
    void itemsKeepTheirSpacesAndOnlyTheSeparatorsBreak() {
        String s = SlideStyle.breakingBetweenItems(SUBTITLE);
        assertEquals(0, s.chars().filter(c -> c == ' ').count(), "no ordinary space: " + s);
        assertEquals(4, s.chars().filter(c -> c == '\u2003').count(), "one em space per separator: " + s);
        assertTrue(s.contains("gaussian\u00a0init,\u00a0gain\u00a01") && s.endsWith("W\u00a0scale\u00a01"), s);
        assertEquals(SUBTITLE.replace('\u00a0', ' ').replaceAll(" +", " "),
                s.replace('\u00a0', ' ').replace('\u2003', ' ').replaceAll(" +", " "), "the same words");
    }

    /**
     * A dot inside an item is a product, not a separator: the cliff's "xₜ = w·σ(xₜ₋₁) + b" kept its formula whole
     * (before, it became "xₜ = w   ·  σ(xₜ₋₁) + b" on every slide, and a narrow chart could break the line there).
     */
    @Test
    void aDotWithoutSpacesIsPartOfItsItem() {
        String s = SlideStyle.breakingBetweenItems("xₜ = w·σ(xₜ₋₁) + b,  x₀ = 0.5   ·   learning rate 1");
        assertEquals(1, s.chars().filter(c -> c == '\u2003').count(), "one separator: " + s);
        assertTrue(s.startsWith("xₜ\u00a0=\u00a0w·σ(xₜ₋₁)\u00a0+\u00a0b,"), s);
    }

    @Test
    void aNarrowChartBreaksTheLineAfterASeparator() {
        Graphics2D g2 = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB).createGraphics();
        g2.setFont(SlideStyle.SUBTITLE);
        String s = SlideStyle.breakingBetweenItems(SUBTITLE);
        double whole = g2.getFontMetrics().getStringBounds(s, g2).getWidth();
        for (double share : new double[] {0.55, 0.7, 0.85, 0.95}) {
            TextBlock block = TextUtils.createTextBlock(s, SlideStyle.SUBTITLE, SlideStyle.INK,
                    (float) (share * whole), 3, new G2TextMeasurer(g2));
            assertTrue(block.getLines().size() > 1, "should wrap at " + share);
            for (int i = 0; i < block.getLines().size() - 1; i++) {
                String line = ((TextLine) block.getLines().get(i)).getFirstTextFragment().getText();
                assertTrue(line.replace("\u00a0", "").replace("\u2003", "").strip().endsWith("·"), "line " + i + " at "
                        + share + ": '" + line + "'");
            }
        }
    }
}
