package org.vanish.figure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.CellType;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.Spectra;
import org.vanish.theory.RunMeanField;

/**
 * log10 ‖∂L/∂s_t‖₂ against t = 0..T for each run; an exact zero (-∞) is a gap, never a point.
 * Optionally the input sensitivity log10 ‖∂L/∂x_t‖₂ (t = 1..T) dashed, and two straight lines anchored at
 * the run's own value at t = T, with ℓ = T − t:
 * <ul>
 *   <li>the linear case ℓ·log10 ρ(J): J = W_h for the rnn (the asymptotic rate of a linear RNN) and
 *       J = I + W_h for the additive cell, whose step Jacobian is I + diag(φ')W_h, so ρ(I + W_h) = max|1 + λ|;</li>
 *   <li>Pascanu et al.'s (2013) bound ℓ·log10(γ σ_max(W_h)), from ‖J_t‖ ≤ γ σ_max, and for the additive cell
 *       ℓ·log10(1 + γ σ_max(W_h)). γ is the largest φ'.</li>
 * </ul>
 * Neither line is drawn for the gated cells, whose step Jacobian depends on the gates at every step. A third line,
 * the mean field's ℓ·½·log10 χ ({@link RunMeanField}: Poole et al. 2016, Chen, Pennington &amp; Schoenholz 2018), is
 * drawn for the Elman rnn runs whose W_h is random (gaussian, orthogonal or pytorch init); the legend names the runs it
 * skips and why (other cells, identity init, an explicit W_h). The value axis is fitted to the measured curves; a
 * line leaving it is clipped.
 */
public final class GradientNormFigure implements Figure {
    /** Which optional series to draw. */
    public record Options(boolean inputSensitivity, boolean linearCase, boolean pascanuBound, boolean meanField) {
        /** The gradient norms alone. */
        public static final Options PLAIN = new Options(false, false, false, false);
        /** Everything. */
        public static final Options ALL = new Options(true, true, true, true);

        /** The first three overlays, without the mean field. */
        public Options(boolean inputSensitivity, boolean linearCase, boolean pascanuBound) {
            this(inputSensitivity, linearCase, pascanuBound, false);
        }

        /** The same options with the mean-field line on or off. */
        public Options withMeanField(boolean on) {
            return new Options(inputSensitivity, linearCase, pascanuBound, on);
        }
    }

    static final String X_LABEL = "time step t";
    static final String Y_LABEL = "log10 ‖∂L/∂sₜ‖₂";
    private static final String MATRIX = "W_h";
    /** Where a backward direction's states are drawn (see {@link LayerViews}). */
    static final String BACKWARD_NOTE = "dashed: backward direction (its state after reading xₜ drawn at t − 1)";

    private final Options options;

    public GradientNormFigure() {
        this(Options.PLAIN);
    }

    public GradientNormFigure(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "gradient-norm";
    }

    @Override
    public Quantities needs() {
        return Quantities.LIVE;
    }

    /** One series per run, key = label: (t, log10 ‖∂L/∂s_t‖₂) for every finite value, nulls at interior gaps. */
    public static XYSeriesCollection gradientDataset(List<RunResult> runs) {
        XYSeriesCollection c = new XYSeriesCollection();
        Set<String> keys = Plots.keys();
        for (RunResult r : runs) {
            XYSeries s = Plots.series(Plots.key(keys, r.spec().label()));
            Plots.addFinite(s, r.series().gradNorm, 0, 1);
            c.addSeries(s);
        }
        return c;
    }

    @Override
    public JFreeChart chart(List<RunResult> runs) {
        return chart(runs, List.of());
    }

    @Override
    public JFreeChart chart(List<RunResult> runs, List<String> words) {
        int steps = runs.isEmpty() ? 1 : runs.stream().mapToInt(r -> r.spec().steps()).max().orElse(1);
        NumberAxis x = LayerGrid.timeAxis(steps, LayerGrid.wordsOf(runs, words), X_LABEL, 0, Math.max(1, steps));
        NumberAxis y = SlideStyle.axis(Y_LABEL);
        XYPlot plot = SlideStyle.plot(x, y);
        // datasets are drawn in reverse index order; the measured norms go on top (index 0)
        XYSeriesCollection grad = gradientDataset(runs);
        addLayer(plot, 0, grad, runs, allRuns(runs), SlideStyle.solid(), "{0}: t = {1}, log10 ‖∂L/∂sₜ‖ = {2}");
        List<XYSeriesCollection> measured = new ArrayList<>(List.of(grad));
        LegendItemCollection legend = new LegendItemCollection();
        LegendItemCollection styles = new LegendItemCollection();
        for (int i = 0; i < runs.size(); i++) {
            // a curve equal to an earlier one would hide it: drawn dashed over it, and the legend says so
            int same = firstEqual(runs, i);
            String label = grad.getSeriesKey(i).toString();
            if (same >= 0) {
                label += " (= " + grad.getSeriesKey(same) + ")";
            }
            // a backward direction is dashed too, so a layer's two directions read as a pair: one legend entry
            // names both ("lstm · layer 2") and a note says what dashed means
            boolean dashed = same >= 0 || LayerViews.isBackward(runs.get(i));
            if (dashed) {
                plot.getRenderer(0).setSeriesStroke(i, SlideStyle.dashed());
            }
            if (i > 0 && LayerViews.twins(runs.get(i - 1), runs.get(i))) {
                continue;
            }
            if (i + 1 < runs.size() && LayerViews.twins(runs.get(i), runs.get(i + 1))) {
                label = LayerViews.layerLabel(runs.get(i));
            }
            legend.add(Plots.lineItem(label, Plots.color(runs, i), dashed ? SlideStyle.dashed() : SlideStyle.solid()));
        }
        if (options.inputSensitivity() || options.linearCase() || options.pascanuBound() || options.meanField()) {
            styles.add(Plots.styleItem("gradient log10 ‖∂L/∂sₜ‖₂", SlideStyle.solid()));
        }
        if (options.inputSensitivity()) {
            XYSeriesCollection input = new XYSeriesCollection();
            Set<String> keys = Plots.keys();
            for (RunResult r : runs) {
                XYSeries s = Plots.series(Plots.key(keys, r.spec().label()));
                Plots.addFinite(s, r.series().inputGradNorm, 1, 1);
                input.addSeries(s);
            }
            addLayer(plot, 1, input, runs, allRuns(runs), SlideStyle.dashed(), "{0}: t = {1}, log10 ‖∂L/∂xₜ‖ = {2}");
            measured.add(input);
            styles.add(Plots.styleItem("input sensitivity log10 ‖∂L/∂xₜ‖₂", SlideStyle.dashed()));
        }
        if (options.linearCase()) {
            addLines(plot, 2, runs, GradientNormFigure::linearRate, SlideStyle.dotted(), "linear case");
            styles.add(Plots.styleItem("linear case ℓ·log10 ρ", SlideStyle.dotted()));
        }
        if (options.pascanuBound()) {
            addLines(plot, 3, runs, GradientNormFigure::boundRate, SlideStyle.dashDotted(), "Pascanu bound");
            styles.add(Plots.styleItem("Pascanu bound ℓ·log10 γσₘₐₓ", SlideStyle.dashDotted()));
        }
        if (options.meanField()) {
            addLines(plot, 4, runs, GradientNormFigure::meanFieldRate, SlideStyle.longDashed(), "mean field");
            styles.add(Plots.styleItem("mean field ℓ·½log10 χ", SlideStyle.longDashed()));
            String skipped = meanFieldSkipped(runs);
            if (!skipped.isEmpty()) {
                styles.add(Plots.noteItem(skipped));
            }
        }
        if (runs.stream().anyMatch(LayerViews::isBackward)) {
            styles.add(Plots.noteItem(BACKWARD_NOTE));
        }
        y.setRange(Plots.paddedRange(measured), true, false);
        plot.setFixedLegendItems(legend);
        return Plots.chart("Gradient norm over time", plot, runs, styles);
    }

    /** The first run before i whose gradient curve is the same as run i's, or -1. */
    static int firstEqual(List<RunResult> runs, int i) {
        for (int j = 0; j < i; j++) {
            if (java.util.Arrays.equals(runs.get(j).series().gradNorm, runs.get(i).series().gradNorm)) {
                return j;
            }
        }
        return -1;
    }

    private static List<Integer> allRuns(List<RunResult> runs) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            all.add(i);
        }
        return all;
    }

    private static void addLayer(XYPlot plot, int index, XYSeriesCollection data, List<RunResult> runs,
                                 List<Integer> runIndex, java.awt.Stroke stroke, String tooltip) {
        XYLineAndShapeRenderer r = Plots.lines(stroke, tooltip);
        for (int s = 0; s < runIndex.size(); s++) {
            r.setSeriesPaint(s, Plots.color(runs, runIndex.get(s)));
        }
        plot.setDataset(index, data);
        plot.setRenderer(index, r);
    }

    /**
     * The straight theory lines anchored at each run's value at t = T (a backward direction's at its last state,
     * drawn at 0), with slope −rate per step away from it; runs whose rate is NaN get none.
     */
    private static void addLines(XYPlot plot, int index, List<RunResult> runs, ToDoubleFunction<RunResult> rateOf,
                                 java.awt.Stroke stroke, String what) {
        XYSeriesCollection c = new XYSeriesCollection();
        List<Integer> owners = new ArrayList<>();
        Set<String> keys = Plots.keys();
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            double rate = rateOf.applyAsDouble(r);
            int steps = r.spec().steps();
            // a backward direction's last state (after reading x_1) is drawn at 0: its lines run from there
            boolean backward = LayerViews.isBackward(r);
            int end = backward ? 0 : steps;
            double anchor = r.series().gradNorm[end];
            if (!Double.isFinite(rate) || !Double.isFinite(anchor)) {
                continue;
            }
            XYSeries s = Plots.series(Plots.key(keys, r.spec().label()));
            s.add(steps - end, anchor + steps * rate, false);
            s.add(end, anchor, false);
            c.addSeries(s);
            owners.add(i);
        }
        addLayer(plot, index, c, runs, owners, stroke, "{0}, " + what + ": t = {1}, log10 = {2}");
    }

    /** The mean field's ½ log10 χ per step for an rnn run with a random W_h; NaN where it does not apply. */
    static double meanFieldRate(RunResult r) {
        if (RunMeanField.whyNot(r.spec()) != null) {
            return Double.NaN;
        }
        return RunMeanField.of(r).result().log10SlopePerStep();
    }

    /**
     * "no mean-field line: lstm a, lstm b (lstm cell); eye (identity init)" for the runs it skips, grouped by the
     * reason; empty if it skips none.
     */
    static String meanFieldSkipped(List<RunResult> runs) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (RunResult r : runs) {
            String why = RunMeanField.whyNot(r.spec());
            if (why != null) {
                // a stack's layers are named once, by their run
                List<String> named = byReason.computeIfAbsent(why.replaceFirst(":.*", ""), k -> new ArrayList<>());
                if (!named.contains(LayerViews.runLabel(r))) {
                    named.add(LayerViews.runLabel(r));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        byReason.forEach((why, labels) -> parts.add(String.join(", ", labels) + " (" + why + ")"));
        return parts.isEmpty() ? "" : "no mean-field line: " + String.join("; ", parts);
    }

    /**
     * log10 of the per-step factor of the linear case: ρ(W_h) for the rnn, ρ(I + W_h) for the additive cell;
     * NaN when it does not apply (gated cells, spectra not computed).
     */
    static double linearRate(RunResult r) {
        Spectra.Spectrum s = spectrum(r);
        if (s == null) {
            return Double.NaN;
        }
        if (r.spec().cell() == CellType.RNN) {
            return Math.log10(s.spectralRadius());
        }
        double rho = 0;
        for (double[] ev : s.eigenvalues) {
            rho = Math.max(rho, Math.hypot(1 + ev[0], ev[1]));
        }
        return Math.log10(rho);
    }

    /** log10 of Pascanu's per-step bound: γσ_max(W_h) for the rnn, 1 + γσ_max(W_h) for the additive cell. */
    static double boundRate(RunResult r) {
        Spectra.Spectrum s = spectrum(r);
        if (s == null) {
            return Double.NaN;
        }
        double g = r.spec().activation().gamma() * s.largestSingularValue();
        return Math.log10(r.spec().cell() == CellType.RNN ? g : 1 + g);
    }

    private static Spectra.Spectrum spectrum(RunResult r) {
        CellType c = r.spec().cell();
        if (!c.usesActivation() || r.spectra() == null) {
            return null;
        }
        return r.spectra().get(MATRIX);
    }
}
