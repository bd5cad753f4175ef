package org.vanish.figure;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;

/**
 * One stacked or bidirectional run over (layer, position): log10 ‖∂L/∂s^ℓ_t‖ for layers ℓ = 1..L (rows, layer 1 at
 * the bottom) and positions t = 1..T, drawn as the Lecture's stacked demonstration draws its network
 * ({@link LayerGrid}); for a bidirectional run s^ℓ_t is [s→_t; s←_t], both directions' states after reading x_t
 * ({@link LayerViews#positionNorms}). The numbers are the engine's per-layer series, as the report writes them.
 */
public final class LayerHeatmapFigure implements Figure {
    private final String run;

    /** The view of the first run labelled run (null: the first run). */
    public LayerHeatmapFigure(String run) {
        this.run = run;
    }

    @Override
    public String name() {
        return "heatmap";
    }

    @Override
    public Quantities needs() {
        return new HeatmapFigure().needs();
    }

    /** The cells: values[(t − 1)·L + ℓ − 1] = log10 ‖∂L/∂s^ℓ_t‖ (ℓ from 1). */
    static float[] values(RunResult r) {
        int steps = r.spec().steps();
        int layers = r.spec().layers();
        float[] values = new float[steps * layers];
        for (int l = 0; l < layers; l++) {
            double[] norms = LayerViews.positionNorms(r, l);
            for (int t = 1; t <= steps; t++) {
                values[(t - 1) * layers + l] = (float) norms[t - 1];
            }
        }
        return values;
    }

    @Override
    public JFreeChart chart(List<RunResult> runs) {
        return chart(runs, List.of());
    }

    @Override
    public JFreeChart chart(List<RunResult> runs, List<String> words) {
        RunResult r = new HeatmapFigure(run).pick(runs);
        int steps = r.spec().steps();
        int layers = r.spec().layers();
        boolean bi = r.spec().bidirectional();
        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(LayerGrid.positionAxis(steps,
                LayerGrid.wordsOf(List.of(r), words)));
        ColourBarPlot plot = new ColourBarPlot(panels);
        CellGrid grid = LayerGrid.grid(values(r), steps, layers);
        panels.add(LayerGrid.panel(grid, layers), 1);
        plot.addBar(grid.colours(), LayerGrid.barLabel(bi), 0, 0);
        // the subtitle names the layers and directions; the title stays short enough for the dashboard's chart
        String title = r.spec().label() + ": gradient by layer and position";
        JFreeChart chart = new SlideChart(title, SlideStyle.TITLE, plot, false);
        SlideStyle.style(chart, Plots.subtitle(List.of(r)));
        return chart;
    }
}
