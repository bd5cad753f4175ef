package org.vanish.figure;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.Range;
import org.vanish.engine.CellType;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.Trajectory;

/**
 * One run, cell by cell. The top panel is log10 |∂L/∂h_t|_k for every hidden unit k (rows, unit 0 at the top)
 * and time step t = 0..T (columns), in viridis from the finite values' 1st percentile to their max (see
 * {@link #colourRange}); an exact zero (-∞: a dead relu
 * unit) is drawn in {@link ColourMap#MISSING} grey, so "no gradient at all" never looks like "a small one".
 * <p>
 * For the LSTM and the GRU, one panel per gate follows below, over the same time axis: f, i, o (the LSTM's
 * candidate c̃ is not a gate and lies in [-1, 1]) or u, r, each unit's activation at t = 1..T in magma over
 * [0, 1] (dark: closed, bright: open), with a colour bar of its own beside the gate panels. Stacked panels rather
 * than the mean over units as lines, because on a slide the point is that a column of the gradient lines up
 * with the same column of the gates: where the forget gates close, the gradient above goes dark; and because a
 * mean of 0.5 hides whether half the units are shut or all are half open, which the panels show at a glance.
 * <p>
 * Each panel is an image painted one pixel per cell ({@link CellGrid}); JFreeChart draws only the axes, the
 * title and the colour bars. Where T + 1 exceeds the device pixels across the plot, a pixel column takes the
 * max of its bucket of time steps for the gradient (a surviving unit stays visible) and the mean for the gates.
 */
public final class HeatmapFigure implements Figure {
    static final String TIME_LABEL = "time step t";
    static final String UNIT_LABEL = "hidden unit k";
    static final String GRADIENT_LABEL = "log10 |∂L/∂hₜ|";
    static final String GATE_LABEL = "gate value";
    /** The gates drawn, by name, with their axis labels; the candidates (c̃, h̃) are not gates. */
    private static final Map<String, String> GATES = Map.of("f", "forget f", "i", "input i", "o", "output o",
            "u", "update u", "r", "reset r");
    private static final double PANEL_GAP = 14;
    /** The share of finite gradient cells drawn in the darkest colour, below the colour bar's range. */
    static final double LOW_QUANTILE = 0.01;
    private static final int BINS = 1000;

    private final String run;

    /** The view of the first run. */
    public HeatmapFigure() {
        this(null);
    }

    /** The view of the first run labelled run, or of the first run if run is null. */
    public HeatmapFigure(String run) {
        this.run = run;
    }

    /** The label of the run this view draws; empty for the first run. */
    public Optional<String> run() {
        return Optional.ofNullable(run);
    }

    @Override
    public String name() {
        return "heatmap";
    }

    /** Spectra (as the live views) and the per-unit gradients. */
    @Override
    public Quantities needs() {
        return new Quantities(true, false, false, true);
    }

    /**
     * The run this view draws: the first labelled {@link #run()}, or the first of all.
     * @throws IllegalArgumentException if no run has that label
     */
    RunResult pick(List<RunResult> runs) {
        if (run == null) {
            return runs.get(0);
        }
        return runs.stream().filter(r -> r.spec().label().equals(run)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no run labelled '" + run + "'"));
    }

    /** Indices into {@link CellType#gates()} of the gates drawn: f, i, o; u, r; none for the Elman cells. */
    static List<Integer> shownGates(CellType cell) {
        List<Integer> out = new ArrayList<>();
        if (cell == CellType.LSTM || cell == CellType.GRU) {
            List<String> names = cell.gates();
            for (int g = 0; g < names.size(); g++) {
                if (GATES.containsKey(names.get(g))) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** The (T+1)×n grid of log10 |∂L/∂h_t|_k, column t centred on x = t; null if it was not computed. */
    static CellGrid gradientGrid(RunResult r) {
        float[] v = r.series().unitGrad;
        if (v == null) {
            return null;
        }
        double[] range = colourRange(v);
        return new CellGrid(v, r.spec().steps() + 1, r.spec().hiddenSize(), 0,
                ColourMap.viridis(range[0], range[1]), CellGrid.Reduce.MAX);
    }

    /**
     * The T×n grid of gate g's activations, column t − 1 centred on x = t. For a backward direction
     * ({@link LayerViews}) the gate of its step k, which read x_{T+1−k}, is drawn at T − k, with the state it made.
     */
    static CellGrid gateGrid(RunResult r, int g) {
        Trajectory tr = r.trajectory();
        int steps = tr.steps();
        int n = tr.hiddenSize();
        boolean backward = LayerViews.isBackward(r);
        float[] v = new float[steps * n];
        for (int t = 1; t <= steps; t++) {
            int column = backward ? steps - t : t - 1;
            for (int k = 0; k < n; k++) {
                v[column * n + k] = (float) tr.gate(t, g, k);
            }
        }
        return new CellGrid(v, steps, n, backward ? 0 : 1, ColourMap.magma(0, 1), CellGrid.Reduce.MEAN);
    }

    /**
     * The colour range of log10 values: from the {@link #LOW_QUANTILE} quantile of the finite values (to within
     * 1/{@value #BINS} of their span) to their max, at least {@link Plots#MIN_LOG_SPAN} wide; [-1, 0] if none is
     * finite. One gradient component that happens to cross zero is 10 decades below its neighbours; taking the
     * min would spend most of the map on it, so the lowest 1 % share the darkest colour instead.
     */
    static double[] colourRange(float[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                finite++;
            }
        }
        if (finite == 0) {
            return new double[] {-1, 0};
        }
        if (hi > lo) {
            // a histogram, not a sort: linear in T·n, which reaches millions of cells
            int[] count = new int[BINS];
            double perBin = BINS / (hi - lo);
            for (float x : v) {
                if (Float.isFinite(x)) {
                    count[Math.min(BINS - 1, (int) ((x - lo) * perBin))]++;
                }
            }
            long below = 0;
            int bin = 0;
            while (bin < BINS - 1 && below + count[bin] <= LOW_QUANTILE * finite) {
                below += count[bin++];
            }
            lo += bin / perBin;
        }
        if (hi - lo < Plots.MIN_LOG_SPAN) {
            double mid = 0.5 * (lo + hi);
            return new double[] {mid - 0.5 * Plots.MIN_LOG_SPAN, mid + 0.5 * Plots.MIN_LOG_SPAN};
        }
        return new double[] {lo, hi};
    }

    @Override
    public JFreeChart chart(List<RunResult> runs) {
        return chart(runs, List.of());
    }

    @Override
    public JFreeChart chart(List<RunResult> runs, List<String> words) {
        RunResult shown = runs.isEmpty() ? null : pick(runs);
        int length = shown == null ? 1 : shown.spec().steps();
        NumberAxis time = LayerGrid.timeAxis(length, shown == null ? List.of() : LayerGrid.wordsOf(List.of(shown),
                words), TIME_LABEL, -0.5, length + 0.5);
        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(time);
        panels.setGap(PANEL_GAP);
        ColourBarPlot plot = new ColourBarPlot(panels);
        if (runs.isEmpty()) {
            panels.add(panel(UNIT_LABEL, 1, null, "no runs"));
            return chart("Gradient per hidden unit", plot, runs);
        }
        RunResult r = shown;
        int n = r.spec().hiddenSize();
        List<Integer> gates = shownGates(r.spec().cell());
        CellGrid grad = gradientGrid(r);
        panels.add(panel(UNIT_LABEL, n, grad, "per-unit gradients were not computed"), Math.max(1, gates.size()));
        if (grad != null) {
            plot.addBar(grad.colours(), GRADIENT_LABEL, 0, 0);
        }
        for (int g : gates) {
            XYPlot gate = panel(GATES.get(r.spec().cell().gates().get(g)), n, gateGrid(r, g), null);
            // a gate's panel is short: its name reads across, not up, or the names of stacked gates run together
            gate.getRangeAxis().setLabelAngle(Math.PI / 2);
            panels.add(gate, 1);
        }
        if (!gates.isEmpty()) {
            plot.addBar(ColourMap.magma(0, 1), GATE_LABEL, 1, gates.size());
        }
        String title = r.spec().label() + ": gradient per hidden unit" + (gates.isEmpty() ? "" : " and gate activations");
        JFreeChart chart = chart(title, plot, List.of(r));
        if (grad != null && hasExactZero(r.series().unitGrad)) {
            LegendItemCollection items = new LegendItemCollection();
            items.add(Plots.markerItem("∂L/∂hₜ = 0 exactly (log10 = −∞)", ColourMap.MISSING,
                    new Rectangle2D.Double(-9, -9, 18, 18)));
            LegendTitle legend = new LegendTitle(() -> items);
            SlideStyle.style(legend);
            chart.addSubtitle(legend);
        }
        return chart;
    }

    private static boolean hasExactZero(float[] v) {
        for (float x : v) {
            if (x == Float.NEGATIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    /** A panel of n unit rows, unit 0 at the top, showing grid (or, if null, the message). */
    private static XYPlot panel(String label, int n, CellGrid grid, String missing) {
        NumberAxis units = SlideStyle.axis(label);
        units.setInverted(true);
        units.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        units.setRange(new Range(-0.5, n - 0.5), true, false);
        XYPlot p = new XYPlot(null, null, units, null);
        SlideStyle.style(p);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinesVisible(false);
        p.setInsets(new org.jfree.chart.ui.RectangleInsets(0, 0, 0, 0));
        if (grid != null) {
            p.addAnnotation(grid, false);
        } else if (missing != null) {
            p.setNoDataMessage(missing);
            p.setNoDataMessageFont(SlideStyle.AXIS_LABEL);
            p.setNoDataMessagePaint(SlideStyle.REFERENCE);
        }
        return p;
    }

    private static JFreeChart chart(String title, ColourBarPlot plot, List<RunResult> runs) {
        JFreeChart chart = new SlideChart(title, SlideStyle.TITLE, plot, false);
        SlideStyle.style(chart, Plots.subtitle(runs));
        return chart;
    }
}
