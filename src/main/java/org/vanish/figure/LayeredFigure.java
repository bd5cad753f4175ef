package org.vanish.figure;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;

/**
 * A view drawn for a choice of layers and directions ({@link LayerChoice}): the dashboard's views, its exports and
 * {@code vanish export --layer} all draw through this, so that the screen and the files agree. Runs without layers
 * to choose from are drawn exactly as by the view itself.
 * <p>
 * The one-run heatmap of a stacked run shows, for all layers, the gradient over (layer, position)
 * ({@link LayerHeatmapFigure}); for one layer and direction, that layer's per-unit gradient and gates.
 */
public final class LayeredFigure implements Figure {
    private final Figure view;
    private final LayerChoice choice;

    private LayeredFigure(Figure view, LayerChoice choice) {
        this.view = view;
        this.choice = choice;
    }

    /** view drawn for choice. */
    public static Figure of(Figure view, LayerChoice choice) {
        return new LayeredFigure(view, choice);
    }

    public LayerChoice choice() {
        return choice;
    }

    /** The view drawn. */
    public Figure view() {
        return view;
    }

    @Override
    public String name() {
        return view.name();
    }

    @Override
    public Quantities needs() {
        return view.needs();
    }

    @Override
    public JFreeChart chart(List<RunResult> runs) {
        return chart(runs, List.of());
    }

    @Override
    public JFreeChart chart(List<RunResult> runs, List<String> words) {
        if (view instanceof HeatmapFigure heatmap && !runs.isEmpty()) {
            RunResult run = heatmap.pick(runs);
            if (run.layers().size() == 1) {
                return heatmap.chart(runs, words);
            }
            List<RunResult> one = choice.all() ? List.of() : LayerViews.select(List.of(run), choice);
            return one.isEmpty() ? new LayerHeatmapFigure(run.spec().label()).chart(List.of(run), words)
                    : new HeatmapFigure().chart(one, words);
        }
        return view.chart(LayerViews.select(runs, choice), words);
    }
}
