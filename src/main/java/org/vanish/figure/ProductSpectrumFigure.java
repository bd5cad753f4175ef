package org.vanish.figure;

import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;

/**
 * log10 σ_i(∂s_T/∂s_0) against i = 1..d, descending: how many directions of the initial state still reach
 * s_T, and by how much. Exact zeros are left out. Runs without product singular values are left out.
 * Values more than {@link #NOISE_DECADES} decades below a run's largest are the rounding noise of a double
 * computation, not a property of the network: they are drawn faint and dotted, and the legend says so.
 */
public final class ProductSpectrumFigure implements Figure {
    static final String X_LABEL = "index i";
    static final String Y_LABEL = "log10 σ_i(∂s_T / ∂s_0)";
    /** Above this many values per run the markers would merge into a line, so only the line is drawn. */
    private static final int MAX_MARKERS = 100;
    /** How far below σ_1 a singular value of a double matrix still means something. */
    static final double NOISE_DECADES = 12;

    @Override
    public String name() {
        return "product-spectrum";
    }

    @Override
    public Quantities needs() {
        return new Quantities(false, true, true, false);
    }

    /** One series per run with product singular values, key = label: (i, log10 σ_i), i = 1..d. */
    public static XYSeriesCollection dataset(List<RunResult> runs) {
        XYSeriesCollection c = new XYSeriesCollection();
        Set<String> keys = Plots.keys();
        for (RunResult r : runs) {
            String key = Plots.key(keys, r.spec().label());
            if (r.products() == null || r.products().productSingularValues == null) {
                continue;
            }
            XYSeries s = Plots.series(key);
            Plots.addFinite(s, r.products().productSingularValues, 1, 1);
            c.addSeries(s);
        }
        return c;
    }

    /** The (i, log10 σ_i) of s more than NOISE_DECADES below its first value, joined to the last one above. */
    private static XYSeries noise(XYSeries s) {
        XYSeries out = Plots.series(s.getKey().toString());
        if (s.getItemCount() == 0) {
            return out;
        }
        double floor = s.getY(0).doubleValue() - NOISE_DECADES;
        for (int i = 0; i < s.getItemCount(); i++) {
            Number y = s.getY(i);
            if (y != null && y.doubleValue() < floor) {
                if (out.getItemCount() == 0 && i > 0) {
                    out.add(s.getX(i - 1), s.getY(i - 1), false);
                }
                out.add(s.getX(i), y, false);
            }
        }
        return out;
    }

    /** s without the values below its noise floor. */
    private static XYSeries signal(XYSeries s) {
        XYSeries out = Plots.series(s.getKey().toString());
        double floor = s.getItemCount() == 0 ? 0 : s.getY(0).doubleValue() - NOISE_DECADES;
        for (int i = 0; i < s.getItemCount(); i++) {
            Number y = s.getY(i);
            if (y == null || y.doubleValue() >= floor) {
                out.add(s.getX(i), y, false);
            }
        }
        return out;
    }

    @Override
    public JFreeChart chart(List<RunResult> runs) {
        NumberAxis x = SlideStyle.axis(X_LABEL);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = SlideStyle.axis(Y_LABEL);
        XYPlot plot = SlideStyle.plot(x, y);
        XYSeriesCollection all = dataset(runs);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeriesCollection faint = new XYSeriesCollection();
        int d = 1;
        for (int s = 0; s < all.getSeriesCount(); s++) {
            d = Math.max(d, all.getItemCount(s));
            data.addSeries(signal(all.getSeries(s)));
            faint.addSeries(noise(all.getSeries(s)));
        }
        XYLineAndShapeRenderer r = Plots.lines(SlideStyle.solid(), "{0}: i = {1}, log10 σ_i = {2}");
        XYLineAndShapeRenderer rf = Plots.lines(SlideStyle.dotted(), "{0}: i = {1}, log10 σ_i = {2} (rounding noise)");
        r.setDefaultShapesVisible(d <= MAX_MARKERS);
        LegendItemCollection legend = new LegendItemCollection();
        int s = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunResult run = runs.get(i);
            if (run.products() != null && run.products().productSingularValues != null) {
                r.setSeriesPaint(s, Plots.color(runs, i));
                rf.setSeriesPaint(s, Plots.color(runs, i));
                // a layer's backward direction: its forward twin's marker, hollow, dashed; one legend entry for both
                boolean twin = i > 0 && LayerViews.twins(runs.get(i - 1), run) && runs.get(i - 1).products() != null;
                int shape = twin ? i - 1 : i;
                r.setSeriesShape(s, SlideStyle.marker(shape));
                if (LayerViews.isBackward(run)) {
                    r.setSeriesShapesFilled(s, false);
                    r.setSeriesStroke(s, SlideStyle.dashed());
                }
                String label = i + 1 < runs.size() && LayerViews.twins(run, runs.get(i + 1))
                        ? LayerViews.layerLabel(run) : data.getSeriesKey(s).toString();
                if (!twin) {
                    legend.add(d <= MAX_MARKERS
                            ? Plots.markerItem(label, Plots.color(runs, i), SlideStyle.marker(shape))
                            : Plots.lineItem(label, Plots.color(runs, i), SlideStyle.solid()));
                }
                s++;
            }
        }
        plot.setDataset(0, data);
        plot.setRenderer(0, r);
        plot.setDataset(1, faint);
        plot.setRenderer(1, rf);
        plot.setFixedLegendItems(legend);
        y.setRange(Plots.paddedRange(List.of(all)), true, false);
        x.setRange(new Range(0.5, d + 0.5), true, false);
        LegendItemCollection styles = new LegendItemCollection();
        boolean anyNoise = false;
        for (int k = 0; k < faint.getSeriesCount(); k++) {
            anyNoise |= faint.getItemCount(k) > 0;
        }
        if (runs.stream().anyMatch(LayerViews::isBackward)) {
            styles.add(Plots.noteItem("hollow and dashed: backward direction"));
        }
        if (anyNoise) {
            styles.add(Plots.styleItem("more than " + Plots.number(NOISE_DECADES)
                    + " decades below σ₁: rounding noise of double arithmetic", SlideStyle.dotted()));
        }
        return Plots.chart("Singular values of the whole product ∂s_T / ∂s_0", plot, runs, styles);
    }
}
