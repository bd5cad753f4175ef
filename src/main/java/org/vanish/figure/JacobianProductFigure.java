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
 * log10 ‖∂s_T/∂s_t‖₂ = log10 ‖J_T ⋯ J_{t+1}‖₂ against the distance ℓ = T − t, for each run whose products were
 * computed; ℓ = 0 is the identity (0). An exact zero is a gap. Runs without products are left out.
 */
public final class JacobianProductFigure implements Figure {
    static final String X_LABEL = "steps back ℓ = T − t";
    static final String Y_LABEL = "log10 ‖∂s_T / ∂s_t‖₂";
    /** What a dashed curve is: ℓ counts steps back along each direction's own recurrence. */
    static final String BACKWARD_NOTE = "dashed: backward direction (ℓ steps back along its own recurrence)";

    @Override
    public String name() {
        return "jacobian-product";
    }

    @Override
    public Quantities needs() {
        return new Quantities(false, true, false, false);
    }

    /** One series per run with products, key = label: (ℓ, log10 ‖∂s_T/∂s_{T−ℓ}‖₂), ℓ = 0..T. */
    public static XYSeriesCollection dataset(List<RunResult> runs) {
        XYSeriesCollection c = new XYSeriesCollection();
        Set<String> keys = Plots.keys();
        for (RunResult r : runs) {
            String key = Plots.key(keys, r.spec().label());
            if (r.products() == null) {
                continue;
            }
            double[] byT = r.products().norm;
            double[] byL = new double[byT.length];
            for (int l = 0; l < byT.length; l++) {
                byL[l] = byT[byT.length - 1 - l];
            }
            XYSeries s = Plots.series(key);
            Plots.addFinite(s, byL, 0, 1);
            c.addSeries(s);
        }
        return c;
    }

    @Override
    public JFreeChart chart(List<RunResult> runs) {
        NumberAxis x = SlideStyle.axis(X_LABEL);
        NumberAxis y = SlideStyle.axis(Y_LABEL);
        XYPlot plot = SlideStyle.plot(x, y);
        XYSeriesCollection data = dataset(runs);
        XYLineAndShapeRenderer r = Plots.lines(SlideStyle.solid(), "{0}: ℓ = {1}, log10 ‖∂s_T/∂s_t‖ = {2}");
        LegendItemCollection legend = new LegendItemCollection();
        int s = 0;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).products() != null) {
                r.setSeriesPaint(s, Plots.color(runs, i));
                // a layer's backward direction dashed beside its forward one, both named by one legend entry
                boolean backward = LayerViews.isBackward(runs.get(i));
                if (backward) {
                    r.setSeriesStroke(s, SlideStyle.dashed());
                }
                boolean twin = i + 1 < runs.size() && LayerViews.twins(runs.get(i), runs.get(i + 1))
                        && runs.get(i + 1).products() != null;
                if (!(i > 0 && LayerViews.twins(runs.get(i - 1), runs.get(i)) && runs.get(i - 1).products() != null)) {
                    legend.add(Plots.lineItem(twin ? LayerViews.layerLabel(runs.get(i)) : data.getSeriesKey(s).toString(),
                            Plots.color(runs, i), backward ? SlideStyle.dashed() : SlideStyle.solid()));
                }
                s++;
            }
        }
        LegendItemCollection styles = new LegendItemCollection();
        if (runs.stream().anyMatch(u -> LayerViews.isBackward(u) && u.products() != null)) {
            styles.add(Plots.noteItem(BACKWARD_NOTE));
        }
        plot.setDataset(data);
        plot.setRenderer(r);
        plot.setFixedLegendItems(legend);
        y.setRange(Plots.paddedRange(List.of(data)), true, false);
        int steps = runs.stream().mapToInt(run -> run.spec().steps()).max().orElse(1);
        x.setRange(new Range(0, Math.max(1, steps)), true, false);
        return Plots.chart("Jacobian product norm ‖∂s_T / ∂s_t‖₂ against distance", plot, runs, styles);
    }
}
