package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Random;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class TemplateToolTipsTest {
    /** The tooltips the figures use, and patterns the template must leave to MessageFormat. */
    private static final List<String> PATTERNS = List.of("{0}: t = {1}, log10 ‖∂L/∂sₜ‖ = {2}",
            "{0}: λ = {1} + {2} i", "{2}{1}{0}", "no arguments", "{0} it''s {1}", "'{0}' {1}",
            "{0} } {2}", "{3} {0}");

    @Test
    void everyTooltipIsStandardXYToolTipGeneratorsText() {
        Random random = new Random(11);
        XYSeriesCollection data = new XYSeriesCollection();
        for (String key : List.of("rnn tanh", "lstm {1}", "it's", "gru (= rnn tanh)")) {
            XYSeries s = new XYSeries(key, false, true);
            for (int i = 0; i < 60; i++) {
                double y = switch (i % 6) {
                    case 0 -> Double.NaN;
                    case 1 -> -1e300 * random.nextDouble();
                    case 2 -> 1e-7 * random.nextGaussian();
                    default -> 40 * random.nextGaussian();
                };
                s.add(i * 0.37, i % 13 == 5 ? null : y, false);
            }
            data.addSeries(s);
        }
        for (String pattern : PATTERNS) {
            StandardXYToolTipGenerator standard = new StandardXYToolTipGenerator(pattern,
                    new DecimalFormat("0.###"), new DecimalFormat("0.####"));
            TemplateToolTips template = new TemplateToolTips(pattern, new DecimalFormat("0.###"),
                    new DecimalFormat("0.####"));
            for (int s = 0; s < data.getSeriesCount(); s++) {
                for (int i = 0; i < data.getItemCount(s); i++) {
                    assertEquals(standard.generateToolTip(data, s, i), template.generateToolTip(data, s, i),
                            pattern + ", series " + s + ", item " + i);
                }
            }
        }
    }

    @Test
    void aMovedRectangleIsTheTransformedRectangle() {
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            double x = 2000 * random.nextDouble();
            double y = 2000 * random.nextDouble();
            double k = 0.05 + random.nextDouble();
            Rectangle2D r = new Rectangle2D.Double(1000 * random.nextGaussian(), 1000 * random.nextGaussian(),
                    50 * random.nextDouble(), 50 * random.nextDouble());
            AffineTransform t = new AffineTransform();
            t.translate(x, y);
            t.scale(k, k);
            Rectangle2D expected = t.createTransformedShape(r).getBounds2D();
            Rectangle2D moved = (Rectangle2D) SlideChart.moved(r, x, y, k);
            assertEquals(expected.getMinX(), moved.getMinX(), 1e-9);
            assertEquals(expected.getMinY(), moved.getMinY(), 1e-9);
            assertEquals(expected.getMaxX(), moved.getMaxX(), 1e-9);
            assertEquals(expected.getMaxY(), moved.getMaxY(), 1e-9);
            Shape ellipse = new Ellipse2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight());
            assertEquals(t.createTransformedShape(ellipse).getBounds2D(),
                    SlideChart.moved(ellipse, x, y, k).getBounds2D());
        }
    }
}
