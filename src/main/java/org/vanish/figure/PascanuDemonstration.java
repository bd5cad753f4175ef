package org.vanish.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.CellType;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.Spectra;
import org.vanish.theory.PascanuConditions;

/**
 * Pascanu, Mikolov &amp; Bengio's (2013, section 3.1) conditions for each Elman rnn run ({@link PascanuConditions}):
 * the singular values of W_h, descending, as points (one series per run), with a line at 1/γ for each γ in play.
 * Only σ_max (i = 1) enters the conditions: below 1/γ the gradient must vanish, above it it may explode but need
 * not; the rest of the spectrum shows how many directions lie above the line. The explanation writes the condition out with the numbers
 * and sets it beside the measured change of log10 ‖∂L/∂h_t‖ over the run. The conditions are for the vanilla rnn:
 * additive, lstm and gru runs are listed as skipped. The value axis shows log10 σ_i when the values span more than
 * two decades (the smallest singular values of a random matrix approach 0).
 */
public final class PascanuDemonstration extends BaseDemonstration {
    /** Above this ratio of largest to smallest value drawn the axis is logarithmic. */
    static final double LOG_SPAN = 100;
    private static final String SOURCE = "Pascanu, Mikolov & Bengio 2013, \"On the difficulty of training recurrent "
            + "neural networks\", section 3.1";

    public PascanuDemonstration() {
        super("pascanu", "Theory · Pascanu's conditions: σ_max(W_h) against 1/γ", SOURCE, List.of(), true);
    }

    /** The singular values of W_h. */
    @Override
    public Quantities needs() {
        return Quantities.LIVE;
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        List<RunResult> runs = input.runs();
        XYSeriesCollection values = new XYSeriesCollection();
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        LegendItemCollection legend = new LegendItemCollection();
        StringBuilder text = new StringBuilder();
        List<String> skipped = new ArrayList<>();
        Map<Double, Set<String>> thresholds = new TreeMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        int most = 1;
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            String label = r.spec().label();
            if (r.spec().cell() != CellType.RNN) {
                String cell = r.spec().cell().id();
                // "lstm", not "lstm (lstm)": the cell is named only where the label does not name it
                skipped.add(label.contains(cell) ? label : label + " (" + cell + ")");
                continue;
            }
            Spectra.Spectrum s = r.spectra() == null ? null : r.spectra().get("W_h");
            if (s == null) {
                throw new IllegalArgumentException("the singular values of W_h were not computed for " + label);
            }
            PascanuConditions c = PascanuConditions.of(r.spec().activation(), s.largestSingularValue());
            thresholds.computeIfAbsent(c.threshold(), t -> new TreeSet<>()).add(r.spec().activation().id());
            XYSeries series = Plots.series(label);
            double[] sv = s.singularValues;
            for (int j = 0; j < sv.length; j++) {
                series.add(j + 1, sv[j], false);
                if (sv[j] > 0) {
                    lo = Math.min(lo, sv[j]);
                }
                hi = Math.max(hi, sv[j]);
            }
            most = Math.max(most, sv.length);
            dots.setSeriesPaint(values.getSeriesCount(), Plots.color(i));
            dots.setSeriesShape(values.getSeriesCount(), SlideStyle.marker(i));
            values.addSeries(series);
            String phi = r.spec().activation().id();
            legend.add(Plots.markerItem(label.contains(phi) ? label : label + " (" + phi + ")", Plots.color(i),
                    SlideStyle.marker(i)));
            text.append(label).append(": ").append(c.describe()).append(measured(r)).append('\n');
        }
        if (!skipped.isEmpty()) {
            text.append("Skipped, the conditions are for the vanilla rnn: ")
                    .append(String.join(", ", skipped)).append(".\n");
        }
        text.append("Each step Jacobian is diag(φ') W_h with |φ'| ≤ γ (1 for tanh, relu, linear; 1/4 for sigmoid),"
                + " so ‖J_t‖ ≤ γσ_max.\n");
        for (double t : thresholds.keySet()) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        boolean log = values.getSeriesCount() > 0 && hi / lo > LOG_SPAN;
        if (log) {
            values = log10(values);
            lo = Math.log10(lo);
            hi = Math.log10(hi);
        }
        NumberAxis x = SlideStyle.axis("index i (singular values of W_h, descending)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(new Range(0, most + 1), true, false);
        NumberAxis y = SlideStyle.axis(log ? "log10 σᵢ(W_h)" : "singular value σᵢ(W_h)");
        double pad = 0.06 * (hi - lo);
        y.setRange(log ? new Range(lo - pad, hi + pad)
                : new Range(0, values.getSeriesCount() == 0 ? 1 : 1.1 * hi), true, false);
        XYPlot plot = new XYPlot(values, x, y, dots);
        SlideStyle.style(plot);
        for (Map.Entry<Double, Set<String>> e : thresholds.entrySet()) {
            double t = e.getKey();
            ValueMarker m = new ValueMarker(log ? Math.log10(t) : t, SlideStyle.INK, SlideStyle.reference(true));
            m.setLabel(String.format(Locale.ROOT, "1/γ = %s (%s)", Plots.number(t), String.join(", ", e.getValue())));
            m.setLabelFont(SlideStyle.ANNOTATION);
            m.setLabelPaint(SlideStyle.INK);
            // under its line (above it, the top line's label would run out of the plot): the marker's box is the line
            // widened by the label offset, so the label hangs from that box's bottom, not its top (which put the line
            // through the label's upper half)
            m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            m.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 0));
            plot.addRangeMarker(m);
        }
        if (values.getSeriesCount() == 0) {
            plot.setNoDataMessage("no vanilla rnn run: the conditions are for h_t = φ(W_h h_{t−1} + W_x x_t + b)");
            plot.setNoDataMessageFont(SlideStyle.AXIS_LABEL);
        }
        plot.setFixedLegendItems(legend);
        LegendItemCollection styles = new LegendItemCollection();
        styles.add(Plots.styleItem("1/γ: σ_max below it guarantees vanishing", SlideStyle.reference(true)));
        if (!skipped.isEmpty()) {
            styles.add(Plots.noteItem("not a vanilla rnn, skipped: " + String.join(", ", skipped)));
        }
        return shown(Plots.chart("Pascanu's conditions: σᵢ(W_h) against 1/γ", plot, runs, styles),
                text.toString());
    }

    /** The same series with every y replaced by its log10 (the values here are positive or exact zeros, dropped). */
    private static XYSeriesCollection log10(XYSeriesCollection c) {
        XYSeriesCollection out = new XYSeriesCollection();
        for (int s = 0; s < c.getSeriesCount(); s++) {
            XYSeries from = c.getSeries(s);
            XYSeries to = Plots.series(from.getKey().toString());
            for (int i = 0; i < from.getItemCount(); i++) {
                double v = from.getY(i).doubleValue();
                if (v > 0) {
                    to.add(from.getX(i).doubleValue(), Math.log10(v), false);
                }
            }
            out.addSeries(to);
        }
        return out;
    }

    /** "; measured −12.3 decades over T = 100 steps." (log10 ‖∂L/∂h₀‖ − log10 ‖∂L/∂h_T‖) */
    private static String measured(RunResult r) {
        double[] g = r.series().gradNorm;
        int steps = r.spec().steps();
        double change = g[0] - g[steps];
        return Double.isFinite(change)
                ? String.format(Locale.ROOT, "; measured %+.3g decades over T = %d steps.", change, steps)
                : "; measured: the gradient reaches exactly 0 before t = 0.";
    }
}
