package org.vanish.ui;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;
import javafx.scene.canvas.GraphicsContext;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.fx.FXGraphics2D;

/**
 * FXGraphics2D 2.1 intersects a new clip in device space but hands the result to the canvas as if it were in
 * user space, so under a scale every nested clip (a plot's data area inside the chart's) lands in the wrong
 * place and cuts pieces out of the plot. This intersects in user space and sets the result, which is right.
 * Every chart on screen draws through it: a {@code SlideChart} smaller than a slide is drawn scaled. It also
 * gives the canvas the interpolation hint (see {@link #setRenderingHint}).
 * <p>
 * A rectangular clip is also moved to whole device pixels (each edge by at most half a pixel). JavaFX's canvas
 * clips to a rectangle on whole pixels directly; any other clip it renders as a mask, and then draws every later
 * line and text into a scratch image and blends it through that mask: with a data area on fractions of a pixel
 * (a scaled slide's always is), that made rendering a chart several times slower.
 */
final class ScaledClips extends FXGraphics2D {
    private final GraphicsContext gc;

    ScaledClips(GraphicsContext gc) {
        super(gc);
        this.gc = gc;
    }

    /**
     * Also passes the interpolation hint on to the canvas, which FXGraphics2D 2.1 does not: a heatmap's cells
     * ({@code CellGrid}) ask for nearest neighbour, and the canvas's default smoothing blurred a stack's two layers
     * into one gradient with a seam.
     */
    @Override
    public void setRenderingHint(java.awt.RenderingHints.Key key, Object value) {
        super.setRenderingHint(key, value);
        if (key == java.awt.RenderingHints.KEY_INTERPOLATION) {
            gc.setImageSmoothing(value != java.awt.RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        }
    }

    @Override
    public void clip(Shape s) {
        Shape shape = s instanceof Line2D ? s.getBounds2D() : s;
        Shape current = getClip();
        if (current == null) {
            setClip(shape);
            return;
        }
        Area both = new Area(current);
        both.intersect(new Area(shape));
        setClip(both);
    }

    @Override
    public void setClip(Shape shape) {
        super.setClip(shape == null ? null : onPixels(shape, getTransform()));
    }

    /**
     * shape itself, or for a rectangle (under a transform that keeps rectangles upright) the rectangle whose edges
     * fall, in device space, on the whole pixels nearest to shape's.
     */
    static Shape onPixels(Shape shape, AffineTransform t) {
        Rectangle2D r = rectangle(shape);
        boolean upright = (t.getType() & ~(AffineTransform.TYPE_TRANSLATION | AffineTransform.TYPE_UNIFORM_SCALE
                | AffineTransform.TYPE_GENERAL_SCALE)) == 0 && t.getScaleX() > 0 && t.getScaleY() > 0;
        if (r == null || !upright) {
            return shape;
        }
        double sx = t.getScaleX();
        double sy = t.getScaleY();
        double tx = t.getTranslateX();
        double ty = t.getTranslateY();
        double x0 = (Math.rint(tx + sx * r.getMinX()) - tx) / sx;
        double x1 = (Math.rint(tx + sx * r.getMaxX()) - tx) / sx;
        double y0 = (Math.rint(ty + sy * r.getMinY()) - ty) / sy;
        double y1 = (Math.rint(ty + sy * r.getMaxY()) - ty) / sy;
        return new Rectangle2D.Double(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** shape as a rectangle if it is one (a Rectangle2D, or an Area or path enclosing exactly a rectangle), else null. */
    private static Rectangle2D rectangle(Shape shape) {
        if (shape instanceof Rectangle2D) {
            return (Rectangle2D) shape;
        }
        Area a = shape instanceof Area ? (Area) shape : new Area(shape);
        return a.isRectangular() ? a.getBounds2D() : null;
    }

    /**
     * Makes viewer's canvas draw through a ScaledClips. ChartCanvas keeps its Graphics2D in a private field and
     * offers no way to supply another, hence reflection (the app runs on the class path, so it is allowed).
     * @return viewer, for chaining.
     */
    static ChartViewer install(ChartViewer viewer) {
        ChartCanvas canvas = viewer.getCanvas();
        try {
            Field g2 = ChartCanvas.class.getDeclaredField("g2");
            g2.setAccessible(true);
            g2.set(canvas, new ScaledClips(canvas.getGraphicsContext2D()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a newer JFreeChart-FX without the field: charts still draw, only scaled nested clips stay wrong
        }
        return viewer;
    }
}
