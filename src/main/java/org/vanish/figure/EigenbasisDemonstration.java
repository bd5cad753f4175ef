package org.vanish.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Eigenbasis;
import org.vanish.lecture.UnrolledChain;

/**
 * Demonstration 2, the linear case in the eigenbasis (seed 001; Pascanu, Mikolov &amp; Bengio 2013, section 2):
 * ∂J/∂h_{T−ℓ} = (Aᵀ)^ℓ ∂J/∂h_T = Σ c_i λ_i^ℓ q_i with A = W_h (I + W_h for the additive cell). Each component's
 * log10 ‖c_i λ_i^ℓ q_i‖ against ℓ ({@link Eigenbasis}; a conjugate pair is one real 2-D component), coloured
 * by |λ_i| and drawn solid where |λ_i| &gt; 1 (it grows) and thin where |λ_i| &lt; 1 (it dies), the dominant one
 * thick, and on top the engine's measured log10 ‖∂J/∂h_{T−ℓ}‖₂: equal to the norm of the components' sum
 * for a linear run, not for tanh (whose steps carry diag φ' ≤ 1).
 * <p>
 * It reads the first rnn or additive run of the preset; the gated cells have no single step matrix.
 */
public final class EigenbasisDemonstration extends BaseDemonstration {
    /** Larger W_h are refused: n lines and an O(n³) eigendecomposition per slider move. */
    static final int MAX_HIDDEN = 512;
    /** At most about this many lags are evaluated per line. */
    static final int POINTS = 800;
    /** A component "survives" at ℓ while it is within this many decades of the largest one. */
    static final double SURVIVAL_DECADES = 3;
    static final String SOURCE = "Pascanu, Mikolov & Bengio 2013, section 2 (the linear case, Σ cᵢλᵢ^ℓ qᵢ)";
    private static final Color MEASURED = Color.BLACK;

    public EigenbasisDemonstration() {
        super("eigenbasis", "2 · The linear case: the gradient in the eigenbasis of W_h", SOURCE, List.of(), true);
    }

    /** The first run with a single step matrix (rnn, additive); refuses a preset that has none. */
    static RunResult pick(List<RunResult> runs) {
        for (RunResult r : runs) {
            if (r.spec().cell() == CellType.RNN || r.spec().cell() == CellType.ADDITIVE) {
                return r;
            }
        }
        throw new IllegalArgumentException("the eigenbasis view is the linear case of the vanilla RNN"
                + " h_t = φ(W_h h_{t-1} + W_x x_t + b): add an rnn run (LSTM and GRU have no single step matrix)");
    }

    /**
     * The step matrix of the linear case: W_h, or I + W_h for the additive cell, of the layer J reads (the top layer's
     * forward direction of a stack, {@link UnrolledChain#chainLayer}; layer 0 of a one-layer run).
     */
    static DMatrixRMaj stepMatrix(RunResult r) {
        DMatrixRMaj a = UnrolledChain.chainLayer(r).parameters().get("W_h").copy();
        if (r.spec().cell() == CellType.ADDITIVE) {
            for (int i = 0; i < a.numRows; i++) {
                a.add(i, i, 1.0);
            }
        }
        return a;
    }

    /** The lags evaluated: 0..T in steps of ⌈T / {@value #POINTS}⌉, always ending at T. */
    static int[] lags(int steps) {
        int stride = Math.max(1, (steps + POINTS - 1) / POINTS);
        int count = steps / stride + 1 + (steps % stride == 0 ? 0 : 1);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.min(steps, i * stride);
        }
        return out;
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        RunResult r = pick(input.runs());
        int n = r.spec().hiddenSize();
        if (n > MAX_HIDDEN) {
            throw new IllegalArgumentException("hiddenSize: " + n + " is too large for the eigenbasis view;"
                    + " allowed at most " + MAX_HIDDEN);
        }
        int steps = r.spec().steps();
        // ∂J/∂h_T of that layer: v, or its forward half for a bidirectional run (v has 2n entries)
        Eigenbasis basis = Eigenbasis.of(stepMatrix(r), java.util.Arrays.copyOf(r.spec().readout(), n));
        double[] gradient = UnrolledChain.chainLayer(r).series().gradNorm;
        int[] lags = lags(steps);
        int m = basis.components().size();
        double[][] size = new double[m][lags.length];
        for (int i = 0; i < m && !cancelled.getAsBoolean(); i++) {
            for (int j = 0; j < lags.length; j++) {
                size[i][j] = basis.log10Size(i, lags[j]);
            }
        }
        double[] measured = new double[lags.length];
        for (int j = 0; j < lags.length; j++) {
            measured[j] = gradient[steps - lags[j]];
        }
        Survival survival = survival(size, lags);
        JFreeChart chart = chart(r, basis, lags, size, measured);
        return shown(chart, explanation(r, input.runs(), basis, survival, m));
    }

    /** How many components stay within {@value #SURVIVAL_DECADES} decades of the largest, from which lag on. */
    record Survival(int count, int fromLag) {
    }

    static Survival survival(double[][] size, int[] lags) {
        int m = size.length;
        boolean[] last = within(size, lags.length - 1);
        int count = 0;
        for (boolean b : last) {
            count += b ? 1 : 0;
        }
        int from = lags.length - 1;
        while (from > 0) {
            boolean[] w = within(size, from - 1);
            boolean subset = true;
            for (int i = 0; i < m; i++) {
                subset &= !w[i] || last[i];
            }
            if (!subset) {
                break;
            }
            from--;
        }
        return new Survival(count, lags[from]);
    }

    private static boolean[] within(double[][] size, int j) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] s : size) {
            max = Math.max(max, s[j]);
        }
        boolean[] out = new boolean[size.length];
        for (int i = 0; i < size.length; i++) {
            out[i] = max > Double.NEGATIVE_INFINITY && size[i][j] >= max - SURVIVAL_DECADES;
        }
        return out;
    }

    private static JFreeChart chart(RunResult r, Eigenbasis basis, int[] lags, double[][] size, double[] measured) {
        List<Eigenbasis.Component> comps = basis.components();
        double lo = comps.get(comps.size() - 1).modulus();
        double hi = comps.get(0).modulus();
        if (hi - lo < 0.1) {
            lo = Math.max(0, 0.5 * (lo + hi) - 0.05);
            hi = lo + 0.1;
        }
        // magma's last fifth is pale yellow, unreadable as a line on white: the largest |λ| stops at orange
        ColourMap colours = ColourMap.magma(lo, hi + 0.25 * (hi - lo));
        NumberAxis x = SlideStyle.axis("lag ℓ = T − t (steps back from the loss)");
        NumberAxis y = SlideStyle.axis("log10 norm");
        XYPlot plot = SlideStyle.plot(x, y);

        XYSeriesCollection top = new XYSeriesCollection();
        XYSeries meas = Plots.series("measured");
        addAtLags(meas, lags, measured);
        top.addSeries(meas);
        XYLineAndShapeRenderer topRenderer = Plots.lines(SlideStyle.dashed(), "measured: ℓ = {1}, log10 = {2}");
        topRenderer.setSeriesPaint(0, MEASURED);
        topRenderer.setSeriesStroke(0, wide(SlideStyle.dashed()));
        plot.setDataset(0, top);
        plot.setRenderer(0, topRenderer);

        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = Plots.lines(SlideStyle.solid(), "{0}: ℓ = {1}, log10 = {2}");
        for (int i = 0; i < comps.size(); i++) {
            Eigenbasis.Component c = comps.get(i);
            XYSeries s = Plots.series(i + ": |λ| = " + DemoText.value(c.modulus()) + (c.pair() ? " (pair)" : ""));
            addAtLags(s, lags, size[i]);
            lines.addSeries(s);
            renderer.setSeriesPaint(i, colours.getPaint(c.modulus()));
            renderer.setSeriesStroke(i, i == 0 ? new BasicStroke(6f) : c.modulus() > 1 ? SlideStyle.solid()
                    : new BasicStroke(1.2f));
        }
        plot.setDataset(1, lines);
        plot.setRenderer(1, renderer);

        List<XYSeriesCollection> fit = new ArrayList<>(List.of(top));
        XYSeriesCollection dominant = new XYSeriesCollection();
        dominant.addSeries(lines.getSeries(0));
        fit.add(dominant);
        Range range = Plots.paddedRange(fit);
        y.setRange(new Range(range.getLowerBound() - 2, range.getUpperBound() + 0.5), true, false);
        x.setRange(new Range(0, Math.max(1, lags[lags.length - 1])), true, false);

        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(x);
        panels.add(plot);
        ColourBarPlot bars = new ColourBarPlot(panels);
        bars.addBar(colours, "|λᵢ|", 0, 0);
        JFreeChart chart = new SlideChart("The linear case: ∂J/∂hₜ = Σ cᵢ λᵢ^ℓ qᵢ", SlideStyle.TITLE, bars, false);
        SlideStyle.style(chart, r.spec().label() + "   ·   " + Plots.subtitle(List.of(r)));
        LegendItemCollection items = new LegendItemCollection();
        items.add(Plots.lineItem("measured log10 ‖∂J/∂hₜ‖₂ (engine)", MEASURED, wide(SlideStyle.dashed())));
        items.add(Plots.lineItem("dominant component, |λ| = " + DemoText.value(basis.spectralRadius()),
                colours.getPaint(basis.spectralRadius()), new BasicStroke(6f)));
        items.add(Plots.styleItem("|λ| > 1: grows", SlideStyle.solid()));
        items.add(Plots.styleItem("|λ| ≤ 1: dies", new BasicStroke(1.2f)));
        LegendTitle legend = new LegendTitle(() -> items);
        SlideStyle.style(legend);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Adds (lags[j], y[j]) for finite y, a null (a gap) where a run of -∞ interrupts the curve. */
    private static void addAtLags(XYSeries s, int[] lags, double[] y) {
        boolean gap = false;
        for (int j = 0; j < lags.length; j++) {
            if (Double.isFinite(y[j])) {
                s.add(lags[j], y[j], false);
                gap = false;
            } else if (!gap && s.getItemCount() > 0) {
                s.add(lags[j], null, false);
                gap = true;
            }
        }
    }

    private static BasicStroke wide(BasicStroke s) {
        return new BasicStroke(4f, s.getEndCap(), s.getLineJoin(), s.getMiterLimit(), s.getDashArray(), 0f);
    }

    /** The run and its matrix, the components, the rate ρ against the measured one, and how many survive. */
    private static String explanation(RunResult r, List<RunResult> runs, Eigenbasis basis, Survival survival,
                                      int m) {
        int steps = r.spec().steps();
        String matrix = r.spec().cell() == CellType.ADDITIVE ? "I + W_h" : "W_h";
        StringBuilder b = new StringBuilder();
        b.append("Run \"").append(r.spec().label()).append('"');
        if (r.spec().layers() > 1 || r.spec().bidirectional()) {
            b.append(" (").append(Plots.architecture(r.spec())).append(": its top layer").append(r.spec().layers() > 1
                    ? ", layer " + r.spec().layers() : "").append(r.spec().bidirectional() ? ", forward" : "")
                    .append(", the one J reads)");
        }
        if (runs.get(0) != r) {
            b.append(", the first rnn run (LSTM and GRU have no single step matrix)");
        }
        if (r.spec().activation() == Activation.LINEAR) {
            b.append(": φ = identity, so ∂J/∂h_{T−ℓ} = (").append(matrix).append(")ᵀ^ℓ ∂J/∂h_T exactly.\n");
        } else {
            b.append(": φ = ").append(r.spec().activation().id()).append(", so the measured gradient (φ' ≤ ")
                    .append(DemoText.value(r.spec().activation().gamma())).append(") only follows the linear case ")
                    .append(matrix).append(".\n");
        }
        int pairs = 0;
        int growing = 0;
        for (Eigenbasis.Component c : basis.components()) {
            pairs += c.pair() ? 1 : 0;
            growing += c.modulus() > 1 ? 1 : 0;
        }
        b.append(m).append(" components of ").append(matrix).append(" (").append(pairs).append(" conjugate pair")
                .append(pairs == 1 ? "" : "s").append("): ").append(growing).append(" grow, ").append(m - growing)
                .append(" die.\n");
        double rho = basis.spectralRadius();
        b.append("ρ = ").append(DemoText.value(rho)).append(": log10 ρ = ")
                .append(String.format(Locale.ROOT, "%+.4f", Math.log10(rho))).append(" per step");
        double[] g = UnrolledChain.chainLayer(r).series().gradNorm;
        int half = steps / 2;
        if (steps >= 2 && Double.isFinite(g[0]) && Double.isFinite(g[steps - half])) {
            b.append(";\nmeasured ").append(String.format(Locale.ROOT, "%+.4f", (g[0] - g[steps - half])
                    / (steps - half))).append(" per step over ℓ = ").append(half).append(" … ").append(steps);
        }
        b.append(".\n");
        b.append("Beyond ℓ = ").append(survival.fromLag()).append(", ").append(survival.count()).append(" of ")
                .append(m).append(" stay within 10^").append((int) SURVIVAL_DECADES).append(" of the largest.\n");
        return b.toString();
    }
}
