package org.vanish.figure;

import java.util.List;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.vanish.engine.RunResult;

/**
 * The gradient of a stack over layer ℓ (rows, layer 1 at the bottom as in lecture diagrams of stacked RNNs) and
 * position t (columns), painted as an image ({@link CellGrid}) in viridis over {@link HeatmapFigure#colourRange}:
 * the drawing the Lecture's stacked demonstration and the dashboard's heatmap of a stacked run share.
 */
final class LayerGrid {
    /** Above this many words the axis numbers the positions instead (the words would overlap). */
    static final int MAX_WORDS_ON_AXIS = 60;
    /** Above this many words they are written upwards. */
    static final int UPRIGHT_WORDS = 14;
    /**
     * Or above this many letters, a space after each word counted at the longest word's length: side by side the
     * words of a slide-wide plot beside a colour bar would touch ("the cabinet" reads as one label).
     */
    static final int UPRIGHT_LETTERS = 64;

    private LayerGrid() {
    }

    /**
     * The cells of values, log10 norms at positions t = 1..T (columns, centred on x = t) and layers 1..L (rows), at
     * index (t − 1)·L + (ℓ − 1); a pixel column over several positions shows their max.
     */
    static CellGrid grid(float[] values, int steps, int layers) {
        double[] range = HeatmapFigure.colourRange(values);
        return new CellGrid(values, steps, layers, 1, ColourMap.viridis(range[0], range[1]), CellGrid.Reduce.MAX);
    }

    /** The colour bar's label: the state's gradient, or the concatenated states' of a bidirectional stack. */
    static String barLabel(boolean bidirectional) {
        return bidirectional ? "log10 ‖∂L/∂[s→; s←]‖" : "log10 ‖∂L/∂sₜ‖";
    }

    /** The panel drawing grid, with a "layer ℓ" axis of layers rows. */
    static XYPlot panel(CellGrid grid, int layers) {
        String[] names = new String[layers];
        for (int l = 1; l <= layers; l++) {
            names[l - 1] = Integer.toString(l);
        }
        SymbolAxis y = new SymbolAxis("layer ℓ", names);
        y.setGridBandsVisible(false);
        SlideStyle.style(y);
        y.setRange(new Range(-0.5, layers - 0.5), true, false);
        XYPlot p = new XYPlot(null, null, y, null);
        SlideStyle.style(p);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinesVisible(false);
        p.setInsets(new RectangleInsets(0, 0, 0, 0));
        p.addAnnotation(grid, false);
        return p;
    }

    /** The positions 1..T: the words when the input is a short enough text, else numbers. */
    static ValueAxis positionAxis(int steps, List<String> words) {
        return timeAxis(steps, words, "position t", 0.5, steps + 0.5);
    }

    /**
     * An axis over t from lower to upper: x_t's word at each t = 1..T where words are T words and few enough to read
     * ({@link #MAX_WORDS_ON_AXIS}), else the numbers t under numberLabel.
     */
    static NumberAxis timeAxis(int steps, List<String> words, String numberLabel, double lower, double upper) {
        NumberAxis axis;
        if (words.size() == steps && steps > 0 && steps <= MAX_WORDS_ON_AXIS) {
            String[] symbols = new String[steps + 1];
            symbols[0] = "";
            for (int t = 1; t <= steps; t++) {
                symbols[t] = words.get(t - 1);
            }
            SymbolAxis s = new SymbolAxis("word xₜ", symbols);
            s.setGridBandsVisible(false);
            int longest = words.stream().mapToInt(String::length).max().orElse(0);
            s.setVerticalTickLabels(steps > UPRIGHT_WORDS || steps * (longest + 1) > UPRIGHT_LETTERS);
            SlideStyle.style(s);
            axis = s;
        } else {
            axis = SlideStyle.axis(numberLabel);
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        axis.setRange(new Range(lower, upper), true, false);
        return axis;
    }

    /** words if every run reads that many steps, else none (a run of another length has no word at each t). */
    static List<String> wordsOf(List<RunResult> runs, List<String> words) {
        return !runs.isEmpty() && runs.stream().allMatch(r -> r.spec().steps() == words.size()) ? words : List.of();
    }
}
