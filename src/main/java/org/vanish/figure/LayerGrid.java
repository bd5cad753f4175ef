package org.vanish.figure;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
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
            SymbolAxis s = new WordAxis("word xₜ", symbols, steps > UPRIGHT_WORDS);
            s.setGridBandsVisible(false);
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

    /**
     * Words along the time axis, upright when they fit side by side and written upwards when they do not.
     * SymbolAxis leaves out a label that would overlap the one before it, so upright words in a narrow chart lost one
     * ("the keys to the ___ by the door", the Lecture's stacked view of keys-trained-lstm at 1280×800).
     */
    static final class WordAxis extends SymbolAxis {
        private static final long serialVersionUID = 1L;
        /** Room the range axis and the colour bar take from the plot area reserveSpace sees, as a share of it. */
        private static final double DATA_SHARE = 0.85;
        private final boolean alwaysUpwards;
        private boolean upwards;

        WordAxis(String label, String[] symbols, boolean alwaysUpwards) {
            super(label, symbols);
            this.alwaysUpwards = alwaysUpwards;
            this.upwards = alwaysUpwards;
        }

        @Override
        public boolean isVerticalTickLabels() {
            return upwards;
        }

        @Override
        public AxisSpace reserveSpace(Graphics2D g2, Plot plot, Rectangle2D plotArea, RectangleEdge edge,
                                      AxisSpace space) {
            // the data area is narrower than the plot area by the range axis: decide on a share of it, so that the
            // height reserved here is the height drawn
            upwards = alwaysUpwards || !fitsUpright(g2, plotArea.getWidth() * DATA_SHARE);
            return super.reserveSpace(g2, plot, plotArea, edge, space);
        }

        @Override
        protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            if (!upwards && !fitsUpright(g2, dataArea.getWidth())) {
                upwards = true;   // narrower than reserved for: a word written upwards beats a word left out
            }
            return super.refreshTicksHorizontal(g2, dataArea, edge);
        }

        /** Whether every two neighbouring words fit upright, with a space between, in their share of width. */
        boolean fitsUpright(Graphics2D g2, double width) {
            String[] words = getSymbols();
            // measured through the graphics' own font: the app's FXGraphics2D answers getFontMetrics(font) with the
            // metrics of its current font (FittedTitle.width)
            java.awt.Font font = getTickLabelFont();
            // one word per unit of the axis's range: 0..T on the gradient norm, -0.5..T+0.5 on the heatmap
            double cell = width / Math.max(1.0, getRange().getLength());
            double gap = FittedTitle.width(g2, font, " ");
            for (int t = 2; t < words.length; t++) {
                if ((FittedTitle.width(g2, font, words[t - 1]) + FittedTitle.width(g2, font, words[t])) / 2.0 + gap
                        > cell) {
                    return false;
                }
            }
            return true;
        }
    }
}
