package org.vanish.figure;

import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.vanish.engine.CellType;
import org.vanish.engine.RunResult;
import org.vanish.lecture.GatePaths;

/**
 * Demonstration 6, additive and gated recurrence (seed 004): the gradient's highway. Top panel, per run, the
 * direct path's product log10 Π_{k=t+1..T} factor_k ({@link GatePaths}: 1 for the additive cell, f for the LSTM's
 * cell path, 1 − u for the GRU), median over hidden units as a solid line with the range over units as a band,
 * beside the measured log10 ‖∂J/∂c_t‖₂ (LSTM) or ‖∂J/∂h_t‖₂ (the others) dashed. Bottom panel, the gates' means
 * over units at each step: f, i, o (LSTM) and u, r (GRU). The measured gradient also flows through the W terms of
 * each step Jacobian, so it follows the direct product without equalling it.
 */
public final class GatesDemonstration extends BaseDemonstration {
    /** At most about this many time steps are drawn per curve. */
    static final int POINTS = 2000;
    static final String SOURCE = "USC CSCI 467, Jia 2023 (the additive recurrence h_t = h_{t−1} + g, gated with a"
            + " forget gate); Gers, Schmidhuber & Cummins 2000 (LSTM); Cho et al. 2014 (GRU)";
    private static final List<Stroke> GATE_STROKES = List.of(SlideStyle.solid(), SlideStyle.dashed(),
            SlideStyle.dotted());

    public GatesDemonstration() {
        super("gates", "6 · Additive and gated recurrence: the gradient's highway", SOURCE, List.of(), true);
    }

    /** The steps drawn: 0..T with a stride that keeps about {@value #POINTS}, always ending at T. */
    private static int[] times(int steps) {
        int stride = Math.max(1, (steps + POINTS - 1) / POINTS);
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < steps; t += stride) {
            out.add(t);
        }
        out.add(steps);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The measured gradient on the direct path: ‖∂J/∂c_t‖ for the LSTM, ‖∂J/∂h_t‖ otherwise. */
    static double[] measured(RunResult r) {
        return r.spec().cell() == CellType.LSTM ? r.series().gradNormC : r.series().gradNorm;
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        List<RunResult> runs = input.runs();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("the gates view needs at least one run in the preset");
        }
        YIntervalSeriesCollection paths = new YIntervalSeriesCollection();
        XYSeriesCollection grads = new XYSeriesCollection();
        XYSeriesCollection gates = new XYSeriesCollection();
        DeviationRenderer pathRenderer = new DeviationRenderer(true, false);
        XYLineAndShapeRenderer gradRenderer = Plots.lines(SlideStyle.dashed(), "{0}: t = {1}, log10 = {2}");
        XYLineAndShapeRenderer gateRenderer = Plots.lines(SlideStyle.solid(), "{0}: t = {1}, mean = {2}");
        gateRenderer.setAutoPopulateSeriesStroke(false);
        List<GatePaths.Summary> summaries = new ArrayList<>();
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < runs.size() && !cancelled.getAsBoolean(); i++) {
            RunResult r = runs.get(i);
            CellType cell = r.spec().cell();
            int steps = r.spec().steps();
            int[] ts = times(steps);
            Color colour = Plots.color(i);
            legend.add(Plots.lineItem(r.spec().label(), colour, SlideStyle.solid()));
            GatePaths.Summary sum = GatePaths.hasPath(cell) ? GatePaths.summary(r.trajectory(), cell) : null;
            summaries.add(sum);
            if (sum != null) {
                YIntervalSeries s = new YIntervalSeries(r.spec().label() + ": Π " + GatePaths.factorName(cell), false,
                        true);
                for (int t : ts) {
                    if (Double.isFinite(sum.median()[t])) {
                        s.add(t, sum.median()[t], clampLow(sum.min()[t], sum.median()[t]), sum.max()[t]);
                    }
                }
                int k = paths.getSeriesCount();
                paths.addSeries(s);
                pathRenderer.setSeriesPaint(k, colour);
                pathRenderer.setSeriesFillPaint(k, colour);
                pathRenderer.setSeriesStroke(k, SlideStyle.solid());
            }
            XYSeries g = Plots.series(r.spec().label() + (cell == CellType.LSTM ? ": ‖∂J/∂cₜ‖" : ": ‖∂J/∂hₜ‖"));
            double[] m = measured(r);
            for (int t : ts) {
                if (Double.isFinite(m[t])) {
                    g.add(t, m[t], false);
                }
            }
            gradRenderer.setSeriesPaint(grads.getSeriesCount(), colour);
            grads.addSeries(g);
            if (cell == CellType.LSTM || cell == CellType.GRU) {
                List<String> names = cell.gates();
                int shown = cell == CellType.LSTM ? 3 : 2;
                for (int gate = 0; gate < shown; gate++) {
                    double[] mean = GatePaths.gateMean(r.trajectory(), gate);
                    XYSeries gs = Plots.series(r.spec().label() + ": " + names.get(gate));
                    for (int t : ts) {
                        if (t >= 1) {
                            gs.add(t, mean[t - 1], false);
                        }
                    }
                    int k = gates.getSeriesCount();
                    gates.addSeries(gs);
                    gateRenderer.setSeriesPaint(k, colour);
                    gateRenderer.setSeriesStroke(k, GATE_STROKES.get(gate));
                }
            }
        }
        pathRenderer.setAlpha(0.15f);
        pathRenderer.setDrawSeriesLineAsPath(true);

        NumberAxis time = SlideStyle.axis("time step t");
        int maxSteps = runs.stream().mapToInt(r -> r.spec().steps()).max().orElse(1);
        time.setRange(new Range(0, Math.max(1, maxSteps)), true, false);
        NumberAxis logAxis = SlideStyle.axis("log10");
        XYPlot top = new XYPlot();
        top.setRangeAxis(logAxis);
        SlideStyle.style(top);
        top.setDataset(0, grads);
        top.setRenderer(0, gradRenderer);
        top.setDataset(1, paths);
        top.setRenderer(1, pathRenderer);
        logAxis.setRange(fitRange(paths, grads), true, false);

        NumberAxis gateAxis = SlideStyle.axis("gate mean");
        gateAxis.setRange(new Range(0, 1), true, false);
        XYPlot bottom = new XYPlot(gates, null, gateAxis, gateRenderer);
        SlideStyle.style(bottom);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(14);
        plot.add(top, 3);
        plot.add(bottom, 1);
        plot.setFixedLegendItems(legend);
        LegendItemCollection styles = new LegendItemCollection();
        styles.add(Plots.styleItem("direct path log10 Π factor: median unit (band: all units)", SlideStyle.solid()));
        styles.add(Plots.styleItem("measured log10 ‖∂J/∂cₜ‖ (LSTM), ‖∂J/∂hₜ‖", SlideStyle.dashed()));
        styles.add(Plots.styleItem("gates below: f, u solid · i, r dashed · o dotted", SlideStyle.solid()));
        JFreeChart chart = Plots.chart("The gradient's highway: additive and gated recurrence", plot, runs, styles);
        return shown(chart, explanation(runs, summaries));
    }

    /** The lower end of a band: an exact zero unit (-∞) draws the band to the median's level, not to -∞. */
    private static double clampLow(double min, double median) {
        return Double.isFinite(min) ? min : median;
    }

    /** The range of the medians and the measured curves, padded (the bands may leave it). */
    private static Range fitRange(YIntervalSeriesCollection paths, XYSeriesCollection grads) {
        XYSeriesCollection medians = new XYSeriesCollection();
        for (int s = 0; s < paths.getSeriesCount(); s++) {
            XYSeries m = Plots.series("median " + s);
            for (int i = 0; i < paths.getItemCount(s); i++) {
                m.add(paths.getXValue(s, i), paths.getYValue(s, i), false);
            }
            medians.addSeries(m);
        }
        return Plots.paddedRange(List.of(medians, grads));
    }

    /** One line per run: its direct path's product for the median unit and its measured gradient at t = 0. */
    private static String explanation(List<RunResult> runs, List<GatePaths.Summary> summaries) {
        StringBuilder b = new StringBuilder("Direct path from t = T back to t = 0, median unit:\n");
        for (int i = 0; i < runs.size() && i < summaries.size(); i++) {
            RunResult r = runs.get(i);
            CellType cell = r.spec().cell();
            int steps = r.spec().steps();
            GatePaths.Summary s = summaries.get(i);
            String grad = cell == CellType.LSTM ? "‖∂J/∂c₀‖" : "‖∂J/∂h₀‖";
            String measured = "measured " + grad + " = " + DemoText.power(measured(r)[0]);
            b.append(r.spec().label()).append(": ");
            if (s == null) {
                b.append("no direct path (diag φ' · W_h every step)");
            } else if (cell == CellType.ADDITIVE) {
                b.append("Π 1 = 10^0, the identity");
            } else {
                String f = GatePaths.factorName(cell);
                double median = s.median()[0];
                b.append("Π ").append(f).append(" = ").append(DemoText.power(median)).append(" over ").append(steps)
                        .append(" steps");
                if (Double.isFinite(median)) {
                    b.append(" (").append(f).append(" ≈ ").append(DemoText.value(Math.pow(10, median / steps)))
                            .append(")");
                }
            }
            b.append("; ").append(measured).append(".\n");
        }
        b.append("The measured gradient also flows through the W terms, so it follows the path without equalling it.");
        return b.toString();
    }
}
