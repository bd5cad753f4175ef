package org.vanish.ui;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Line2D;
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
