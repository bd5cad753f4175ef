package org.vanish.ui;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.event.ChartChangeListener;
import org.jfree.fx.FXGraphics2D;
import org.vanish.figure.Figures;
import org.vanish.figure.SlideStyle;

/**
 * A chart drawn as a slide: where the area is larger than a {@link SlideStyle} slide (1600×900 logical pixels),
 * everything (type, lines, markers) is scaled up with it, so the chart looks on a projector as its export looks
 * on a slide; on a smaller area it is drawn at its natural size. Clicks are handed on in the data coordinates of
 * the plot under the pointer.
 */
public final class SlideCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<JFreeChart> chart = new SimpleObjectProperty<>(this, "chart");
    private final ChartChangeListener redraw = e -> {
        if (Platform.isFxApplicationThread()) {
            draw();
        }
    };
    private ChartRenderingInfo info;
    private double shownScale = 1;
    private BiConsumer<Double, Double> onClick = (x, y) -> { };

    public SlideCanvas() {
        getChildren().add(canvas);
        chart.addListener((obs, was, now) -> {
            if (was != null) {
                was.removeChangeListener(redraw);
            }
            if (now != null) {
                now.addChangeListener(redraw);
            }
            draw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            JFreeChart c = chart.get();
            if (c == null || info == null || !e.isStillSincePress()) {
                return;
            }
            Point2D at = new Point2D.Double(e.getX() / shownScale, e.getY() / shownScale);
            Figures.dataPoint(c, info.getPlotInfo(), at).ifPresent(xy -> onClick.accept(xy[0], xy[1]));
        });
    }

    /**
     * How much a chart drawn in width × height is enlarged: as much as a 1600×900 slide fits in it, never less
     * than 1 (a small screen shows the chart at its natural size, as the dashboard does).
     */
    public static double scaleFor(double width, double height) {
        return Math.max(1, Math.min(width / SlideStyle.WIDTH, height / SlideStyle.HEIGHT));
    }

    public ObjectProperty<JFreeChart> chartProperty() {
        return chart;
    }

    /** What a click on the chart does, given the data coordinates (x, y) of the plot clicked. */
    public void setOnChartClick(BiConsumer<Double, Double> action) {
        onClick = action;
    }

    /** The enlargement of the chart last drawn (see {@link #scaleFor}). */
    public double shownScale() {
        return shownScale;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.clearRect(0, 0, w, h);
        JFreeChart c = chart.get();
        if (c == null || w < 1 || h < 1) {
            return;
        }
        shownScale = scaleFor(w, h);
        info = new ChartRenderingInfo();
        gc.save();
        // a fresh FXGraphics2D a frame: it keeps its own record of the clip and transform, which must start clean
        FXGraphics2D g2 = new ScaledClips(gc);
        g2.scale(shownScale, shownScale);
        c.draw(g2, new Rectangle2D.Double(0, 0, w / shownScale, h / shownScale), null, info);
        g2.setClip(null);
        g2.setTransform(new AffineTransform());
        gc.restore();
    }
}
