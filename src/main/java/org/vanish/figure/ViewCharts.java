package org.vanish.figure;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;

/**
 * The figure of a view or demonstration, by name, drawn from a preset's parts: what {@code vanish export} writes
 * for a deck's slide and what the presets gallery shows shrunk to a thumbnail. The preset itself stays out of the
 * figure layer; its caller passes its runs (as an analysis to run), its demonstration settings and its words.
 */
public final class ViewCharts {
    /**
     * A thumbnail is laid out as a figure this wide (and of the thumbnail's shape), then drawn shrunk: at 280 px the
     * slide's 18 px tick numbers are drawn at 8 px, where laid out as a slide they would be 6 px.
     */
    public static final int THUMBNAIL_LAYOUT_WIDTH = 600;
    /** White around the plot, in layout pixels. */
    private static final double MARGIN = 6;

    private ViewCharts() {
    }

    /**
     * The view a preset opening on view is drawn with: its own when it is a figure or a demonstration; otherwise
     * (the training lab, no view) the gradient norm of its runs.
     */
    public static String drawnView(String view) {
        boolean drawable = view != null && (Figures.ALL.contains(view) || Demonstrations.byName(view).isPresent());
        return drawable ? view : Figures.NAMES.get(0);
    }

    /** What the analysis of the runs must compute for view; {@link Quantities#GRADIENTS} if it reads no runs. */
    public static Quantities needs(String view) {
        Optional<Demonstration> d = Demonstrations.byName(view);
        if (d.isPresent()) {
            return d.get().usesRuns() ? d.get().needs() : Quantities.GRADIENTS;
        }
        return Figures.byName(view).orElseThrow(() -> new IllegalArgumentException("no view " + view)).needs();
    }

    /**
     * The figure of view.
     * @param analyze   the preset's runs analysed for the quantities asked; called at most once, and not at all for
     *                  a demonstration that reads no runs
     * @param demo      the demonstration's settings given (missing ones take their defaults); ignored for a view
     * @param words     the words of a text input, or empty
     * @param cancelled polled by a long demonstration; when true it stops early
     * @throws IllegalArgumentException for an unknown view or a setting out of range
     */
    public static JFreeChart chart(String view, Function<Quantities, List<RunResult>> analyze, Map<String, Double> demo,
            List<String> words, BooleanSupplier cancelled) {
        return chart(view, LayerChoice.ALL, analyze, demo, words, cancelled);
    }

    /**
     * As {@link #chart(String, Function, Map, List, BooleanSupplier)}, a view drawing only the layers and directions
     * of layer (all layers where the runs do not have it).
     */
    public static JFreeChart chart(String view, LayerChoice layer, Function<Quantities, List<RunResult>> analyze,
            Map<String, Double> demo, List<String> words, BooleanSupplier cancelled) {
        Optional<Demonstration> found = Demonstrations.byName(view);
        if (found.isEmpty()) {
            Figure figure = Figures.byName(view).orElseThrow(() -> new IllegalArgumentException("no view " + view));
            List<RunResult> runs = analyze.apply(figure.needs());
            LayerChoice drawn = LayerChoice.choices(runs).contains(layer) ? layer : LayerChoice.ALL;
            return LayeredFigure.of(figure, drawn).chart(runs, words);
        }
        Demonstration d = found.get();
        Map<String, Double> values = Parameter.settings(d.parameters(), demo);
        List<RunResult> runs = d.usesRuns() ? analyze.apply(d.needs()) : List.of();
        return d.show(new Demonstration.Input(runs, words), values, cancelled).chart();
    }

    /**
     * chart as a thumbnail of width×height logical pixels at pixelScale image pixels each: its plot alone, laid out
     * as a {@link #THUMBNAIL_LAYOUT_WIDTH} wide figure of the thumbnail's shape and drawn shrunk. The title, the
     * subtitle and the legend are left out (the gallery writes the preset's name under the thumbnail; at a third of
     * a slide's size they would be illegible), which leaves the plot, its axes and their numbers legible.
     */
    public static BufferedImage thumbnail(JFreeChart chart, int width, int height, double pixelScale) {
        int layoutHeight = (int) Math.round(THUMBNAIL_LAYOUT_WIDTH * (double) height / width);
        Dimension px = thumbnailPixels(width, height, pixelScale);
        BufferedImage img = new BufferedImage(px.width, px.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            Figures.prepare(g2, px.width, px.height);
            g2.scale(px.width / (double) THUMBNAIL_LAYOUT_WIDTH, px.height / (double) layoutHeight);
            chart.getPlot().draw(g2, new Rectangle2D.Double(MARGIN, MARGIN, THUMBNAIL_LAYOUT_WIDTH - 2 * MARGIN,
                    layoutHeight - 2 * MARGIN), null, null, null);
        } finally {
            g2.dispose();
        }
        return img;
    }

    /** The size in image pixels of a width×height thumbnail at pixelScale pixels per logical pixel. */
    public static Dimension thumbnailPixels(int width, int height, double pixelScale) {
        if (width <= 0 || height <= 0 || !(pixelScale > 0) || Double.isInfinite(pixelScale)) {
            throw new IllegalArgumentException("a thumbnail needs a positive size and scale, not " + width + "×"
                    + height + " at " + pixelScale);
        }
        return new Dimension((int) Math.round(width * pixelScale), (int) Math.round(height * pixelScale));
    }
}
