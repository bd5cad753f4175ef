package org.vanish.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.Cell;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;
import org.vanish.theory.Lyapunov;
import org.vanish.theory.RunMeanField;

/**
 * The Lyapunov spectrum of each run's trajectory ({@link Lyapunov}: Benettin's QR method along the engine's own
 * step Jacobians), exponent index i on x and λ_i per step on y, with the mean field's ½ ln χ as a horizontal line
 * for the rnn runs it applies to (a random W_h). λ_max is the rate at which the largest perturbation grows, and so
 * the rate at which a gradient sent back through many steps grows or shrinks: λ_max &lt; 0 means every direction
 * contracts (vanishing), λ_max &gt; 0 that one expands (exploding; chaos, for an autonomous network). Costs
 * T·(d²k + 4dk²) per run; above {@link #MAX_WORK} in all the demonstration refuses, naming what to lower.
 */
public final class LyapunovDemonstration extends BaseDemonstration {
    static final String K = "k";
    static final String WASHOUT = "washout";
    /** The leading exponents computed by default when the state is larger than {@link #ALL_UP_TO}. */
    static final int DEFAULT_LEADING = 32;
    /** The state size up to which the default computes every exponent. */
    static final int ALL_UP_TO = 128;
    /**
     * Multiply–adds allowed over all runs: EJML's product and QR at d = k = 128 do about 3·10⁹ per second on one
     * quiet core of the reference machine, so about 2 s (several times that when the cores are shared).
     */
    static final double MAX_WORK = 6e9;
    private static final String SOURCE = "Benettin, Galgani, Giorgilli & Strelcyn 1980; Engelken, Wolf & Abbott 2020, "
            + "\"Lyapunov spectra of chaotic recurrent neural networks\"";

    public LyapunovDemonstration() {
        super("lyapunov", "Theory · Lyapunov spectrum: how fast each direction grows", SOURCE, List.of(
                Parameter.whole(K, "exponents k", 0, 512, 0,
                        "how many leading exponents; 0: all of them up to a state of 128, else the leading 32"),
                Parameter.whole(WASHOUT, "washout (steps)", 0, 10_000, 50,
                        "steps left out at the start while the frame turns towards the leading directions")),
                true);
    }

    /** The k used for a state of size d: the setting capped at d, or the default for 0. */
    static int exponents(int setting, int d) {
        if (setting == 0) {
            return d <= ALL_UP_TO ? d : DEFAULT_LEADING;
        }
        return Math.min(setting, d);
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        List<RunResult> runs = input.runs();
        int kSetting = settings.get(K).intValue();
        int washout = settings.get(WASHOUT).intValue();
        double work = 0;
        for (RunResult r : runs) {
            int steps = r.spec().steps();
            if (washout >= steps) {
                throw new IllegalArgumentException("demo.washout: " + washout + " steps leave nothing to average over T = "
                        + steps + "; allowed 0 to " + (steps - 1));
            }
            int d = r.spec().stateSize();
            work += Lyapunov.cost(d, exponents(kSetting, d), steps);
        }
        if (work > MAX_WORK) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "demo.k: %.1e multiply-adds is too much to do "
                    + "live (at most %.1e): lower k, T or n", work, MAX_WORK));
        }
        NumberAxis x = SlideStyle.axis("exponent index i");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = SlideStyle.axis("λᵢ per step");
        XYPlot plot = SlideStyle.plot(x, y);
        XYSeriesCollection spectra = new XYSeriesCollection();
        XYSeriesCollection theory = new XYSeriesCollection();
        XYLineAndShapeRenderer dots = Plots.lines(SlideStyle.solid(), "{0}: λ{1} = {2}");
        dots.setDefaultShapesVisible(true);
        List<Integer> theoryOwners = new ArrayList<>();
        LegendItemCollection legend = new LegendItemCollection();
        StringBuilder text = new StringBuilder();
        int kMax = 1;
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            int d = r.spec().stateSize();
            int k = exponents(kSetting, d);
            kMax = Math.max(kMax, k);
            Cell cell = Cell.create(r.spec(), r.parameters());
            double[] lambda = Lyapunov.spectrum(cell, r.trajectory(), k, washout, cancelled);
            if (lambda == null) {
                return new Shown(null, "");
            }
            String label = r.spec().label();
            XYSeries s = Plots.series(label);
            for (int j = 0; j < k; j++) {
                s.add(j + 1, lambda[j], false);
                lo = Math.min(lo, lambda[j]);
                hi = Math.max(hi, lambda[j]);
            }
            dots.setSeriesPaint(spectra.getSeriesCount(), Plots.color(i));
            dots.setSeriesShape(spectra.getSeriesCount(), SlideStyle.marker(i));
            spectra.addSeries(s);
            legend.add(Plots.lineItem(label, Plots.color(i), SlideStyle.solid()));
            text.append(line(r, lambda));
            if (RunMeanField.whyNot(r.spec()) == null) {
                double half = 0.5 * Math.log(RunMeanField.of(r).result().chi());
                if (Double.isFinite(half)) {
                    XYSeries t = Plots.series(label + " ½ ln χ");
                    t.add(1, half, false);
                    t.add(Math.max(2, k), half, false);
                    theory.addSeries(t);
                    theoryOwners.add(i);
                    lo = Math.min(lo, half);
                    hi = Math.max(hi, half);
                    text.append(String.format(Locale.ROOT, "; mean field ½ ln χ = %+.4f", half));
                }
            }
            text.append(".\n");
        }
        plot.setDataset(0, spectra);
        plot.setRenderer(0, dots);
        XYLineAndShapeRenderer lines = Plots.lines(SlideStyle.longDashed(), "{0} = {2}");
        for (int j = 0; j < theoryOwners.size(); j++) {
            lines.setSeriesPaint(j, Plots.color(theoryOwners.get(j)));
        }
        plot.setDataset(1, theory);
        plot.setRenderer(1, lines);
        ValueMarker zero = new ValueMarker(0, SlideStyle.REFERENCE, SlideStyle.reference(false));
        plot.addRangeMarker(zero);
        x.setRange(new Range(0.5, kMax + 0.5), true, false);
        double pad = 0.05 * Math.max(hi - lo, 0.1);
        y.setRange(new Range(lo - pad, hi + pad), true, false);
        plot.setFixedLegendItems(legend);
        LegendItemCollection styles = new LegendItemCollection();
        // with a marker, as the spectra are drawn: the λ = 0 line below has the same stroke
        styles.add(Plots.styleItemWithMarker("λᵢ from the trajectory", SlideStyle.solid()));
        if (!theoryOwners.isEmpty()) {
            styles.add(Plots.styleItem("mean field ½ ln χ (rnn, random W_h)", SlideStyle.longDashed()));
        }
        styles.add(Plots.styleItem("λ = 0: growth and decay balance", SlideStyle.reference(false)));
        text.append(String.format(Locale.ROOT, "A gradient sent back ℓ steps scales like e^(λ_max ℓ). Averaged over"
                + " t = %d..T.%n", washout + 1));
        return shown(Plots.chart("Lyapunov spectrum: λᵢ = ln growth per step along each run", plot, runs, styles), text.toString());
    }

    /** "tanh: λ_max = -0.1200 per step (×10^-0.0521): vanishing". */
    private static String line(RunResult r, double[] lambda) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : lambda) {
            max = Math.max(max, l);
        }
        return String.format(Locale.ROOT, "%s: λ_max = %+.4f per step (×10^%+.4f): %s", r.spec().label(), max,
                max / Math.log(10), max < 0 ? "vanishing" : max > 0 ? "exploding" : "neutral");
    }
}
