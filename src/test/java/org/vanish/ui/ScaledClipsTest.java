package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScaledClipsTest {
    @Test
    void aRectangularClipLandsOnTheNearestWholeDevicePixels() {
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            AffineTransform t = new AffineTransform();
            t.translate(300 * random.nextDouble(), 300 * random.nextDouble());
            double k = 0.1 + 2 * random.nextDouble();
            t.scale(k, i % 2 == 0 ? k : 0.1 + 2 * random.nextDouble());
            Rectangle2D r = new Rectangle2D.Double(900 * random.nextDouble(), 900 * random.nextDouble(),
                    500 * random.nextDouble(), 500 * random.nextDouble());
            // as a rectangle, and as the Area an intersection of two clips gives
            for (Shape clip : new Shape[] {r, new Area(r)}) {
                Rectangle2D device = t.createTransformedShape(ScaledClips.onPixels(clip, t)).getBounds2D();
                Rectangle2D wanted = t.createTransformedShape(r).getBounds2D();
                for (double[] edge : new double[][] {{device.getMinX(), wanted.getMinX()},
                    {device.getMaxX(), wanted.getMaxX()}, {device.getMinY(), wanted.getMinY()},
                    {device.getMaxY(), wanted.getMaxY()}}) {
                    assertEquals(Math.rint(edge[0]), edge[0], 1e-9, "an edge off the pixel grid: " + edge[0]);
                    assertTrue(Math.abs(edge[0] - edge[1]) <= 0.5 + 1e-9, edge[0] + " moved from " + edge[1]);
                }
            }
        }
    }

    @Test
    void otherClipsAndTransformsAreLeftAsTheyAre() {
        Shape ellipse = new Ellipse2D.Double(10.3, 20.7, 100, 50);
        AffineTransform scale = AffineTransform.getScaleInstance(0.8, 0.8);
        assertSame(ellipse, ScaledClips.onPixels(ellipse, scale));
        Rectangle2D r = new Rectangle2D.Double(10.3, 20.7, 100, 50);
        AffineTransform rotation = AffineTransform.getRotateInstance(0.3);
        assertSame(r, ScaledClips.onPixels(r, rotation));
        AffineTransform flip = AffineTransform.getScaleInstance(-1, 1);
        assertSame(r, ScaledClips.onPixels(r, flip));
    }
}
