package org.vanish.figure;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Layer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;
import org.vanish.theory.PhaseDiagram;
import org.vanish.theory.RunMeanField;

/**
 * The mean-field phase diagram ({@link PhaseDiagram}): log10 χ over (σ_w, σ_b) in blue (ordered: the gradient
 * vanishes) and red (chaotic: it explodes), white and a black line on the edge of chaos χ = 1, with the current
 * rnn runs marked where the theory places them. The explanation sets each run's predicted change per step back,
 * ½ log10 χ, beside the measured one (the least-squares slope of its log10 ‖∂L/∂h_t‖ over t in [T/4, 3T/4]).
 * A run's input adds its variance σ_x² to σ_b², so it is marked at σ_b = √(σ_b² + σ_x²); a run whose bias b has a
 * non-zero mean is not on this zero-mean diagram (its χ is still predicted, with the mean, and listed).
 */
public final class PhaseDiagramDemonstration extends BaseDemonstration {
    static final String ACTIVATION = "activation";
    static final String W_MIN = "wMin";
    static final String W_MAX = "wMax";
    static final String B_MAX = "bMax";
    /** Grid points across and up: 100 × 60 evaluations of χ take about 0.4 s for tanh. */
    static final int COLUMNS = 100;
    static final int ROWS = 60;
    private static final String SOURCE = "Poole, Lahiri, Raghu, Sohl-Dickstein & Ganguli 2016, Fig. 2; "
            + "Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017; Chen, Pennington & Schoenholz 2018 for RNNs";

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        double wMin = settings.get(W_MIN);
        double wMax = settings.get(W_MAX);
        double bMax = settings.get(B_MAX);
        if (!(wMin < wMax)) {
            throw new IllegalArgumentException("demo.wMin: " + Plots.number(wMin) + " must be below demo.wMax = "
                    + Plots.number(wMax));
        }
        List<RunResult> runs = input.runs();
        Activation phi = activation(settings.get(ACTIVATION).intValue(), runs);
        PhaseDiagram.Grid grid = PhaseDiagram.grid(phi, wMin, wMax, COLUMNS, 0, bMax, ROWS, cancelled);
        if (grid == null) {
            return new Shown(null, "");
        }
        NumberAxis x = SlideStyle.axis("weight gain σ_w  (W_h entries ~ N(0, σ_w²/n))");
        NumberAxis y = SlideStyle.axis("bias spread σ_b");
        XYPlot plot = SlideStyle.plot(x, y);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        double dw = (wMax - wMin) / (COLUMNS - 1);
        double db = bMax / (ROWS - 1);
        x.setRange(new Range(wMin - dw / 2, wMax + dw / 2), true, false);
        y.setRange(new Range(-db / 2, bMax + db / 2), true, false);
        ColourMap colours = colours(grid);

        LegendItemCollection legend = new LegendItemCollection();
        XYSeriesCollection edge = new XYSeriesCollection();
        XYSeries line = Plots.series("χ = 1");
        for (double[] p : PhaseDiagram.boundary(grid)) {
            line.add(p[0], p[1], false);
        }
        edge.addSeries(line);
        XYLineAndShapeRenderer edgeRenderer = Plots.lines(new BasicStroke(3.5f), "χ = 1 at σ_w = {1}, σ_b = {2}");
        edgeRenderer.setSeriesPaint(0, SlideStyle.INK);
        // in the background layer: the plot's own annotations are drawn over the data
        edgeRenderer.addAnnotation(new CellGrid(log10Chi(grid), COLUMNS, ROWS, wMin, dw, 0, db, colours,
                CellGrid.Reduce.MEAN), Layer.BACKGROUND);
        plot.setDataset(1, edge);
        plot.setRenderer(1, edgeRenderer);
        if (line.getItemCount() > 0) {
            legend.add(Plots.lineItem("edge of chaos χ = 1", SlideStyle.INK, new BasicStroke(3.5f)));
        }

        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "χ = σ_w² E[φ'(a)²] for %s: one step back multiplies the mean squared"
                + " gradient by χ. Blue χ < 1 vanishes, red χ > 1 explodes. A run with input is marked at"
                + " σ_b = √(σ_b² + σ_x²).%n", phi.id()));
        if (line.getItemCount() == 0) {
            text.append(String.format(Locale.ROOT, "No edge of chaos in this range: χ %s 1 everywhere shown.%n",
                    grid.chi()[0][0] < 1 ? "<" : ">"));
        }
        markRuns(plot, legend, runs, phi, text);

        JFreeChart chart = new SlideChart("Mean-field phase diagram of a random " + phi.id() + " network",
                SlideStyle.TITLE, plot, true);
        SlideStyle.style(chart, Plots.subtitle(runs));
        plot.setFixedLegendItems(legend);
        chart.addSubtitle(colourBar(colours));
        return shown(chart, text.toString());
    }

    public PhaseDiagramDemonstration() {
        super("phase", "Theory · Order and chaos: the mean-field phase diagram", SOURCE, List.of(
                Parameter.choice(ACTIVATION, "activation φ",
                        List.of("the first rnn run's", "tanh", "sigmoid", "relu", "linear"), 0,
                        "The nonlinearity whose phase diagram is drawn: the first rnn run's (tanh if there is none),"
                                + " or one chosen here"),
                Parameter.real(W_MIN, "σ_w from", 0, 8, 0.25, "the smallest weight gain shown"),
                Parameter.real(W_MAX, "σ_w to", 0.5, 10, 3, "the largest weight gain shown"),
                Parameter.real(B_MAX, "σ_b up to", 0.05, 4, 1.5, "the largest bias standard deviation shown")),
                true);
    }

    /** The activation chosen: 1..4 as listed, 0 the first rnn run's (tanh if there is none). */
    static Activation activation(int choice, List<RunResult> runs) {
        if (choice > 0) {
            return Activation.values()[choice - 1];
        }
        return runs.stream().filter(r -> r.spec().cell() == CellType.RNN).map(r -> r.spec().activation()).findFirst()
                .orElse(Activation.TANH);
    }

    /** log10 χ by column, then row, as {@link CellGrid} holds it. */
    static float[] log10Chi(PhaseDiagram.Grid g) {
        int columns = g.sigmaW().length;
        int rows = g.sigmaB().length;
        float[] v = new float[columns * rows];
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows; r++) {
                v[c * rows + r] = (float) Math.log10(g.chi()[r][c]);
            }
        }
        return v;
    }

    /** Blue to white at log10 χ = 0 to red, each side over its own finite extent (at least ±0.05). */
    static ColourMap colours(PhaseDiagram.Grid g) {
        double lo = -0.05;
        double hi = 0.05;
        for (double[] row : g.chi()) {
            for (double chi : row) {
                double v = Math.log10(chi);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return ColourMap.diverging(lo, 0, hi);
    }

    /** The colour bar the heatmaps and the unrolled view have: beside the plot, its label on its right. */
    private static PaintScaleLegend colourBar(ColourMap colours) {
        return ColourBarPlot.legend(colours, "log10 χ");
    }

    /** Marks the runs of activation phi with a zero-mean bias; one line of the explanation per rnn run. */
    private static void markRuns(XYPlot plot, LegendItemCollection legend, List<RunResult> runs, Activation phi,
                                 StringBuilder text) {
        XYSeriesCollection marks = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunResult run = runs.get(i);
            String label = run.spec().label();
            String why = RunMeanField.whyNot(run.spec());
            if (why != null) {
                skipped.add(label + " (" + why + ")");
                continue;
            }
            RunMeanField mf = RunMeanField.of(run);
            double measured = RunMeanField.measuredSlopePerStep(run.series().gradNorm);
            int steps = run.spec().steps();
            text.append(String.format(Locale.ROOT, "%s: χ = %.4g, predicted ½ log10 χ = %+.4f per step back, measured %s"
                            + " (t = %d..%d)", label, mf.result().chi(), mf.result().log10SlopePerStep(),
                    Double.isFinite(measured) ? String.format(Locale.ROOT, "%+.4f", measured) : "undefined (a zero)",
                    steps / 4, steps - steps / 4));
            if (run.spec().activation() != phi || mf.biasMean() != 0) {
                text.append(run.spec().activation() != phi ? "; not marked, its φ is " + run.spec().activation().id()
                        : "; not marked, its bias has a non-zero mean").append(".\n");
                continue;
            }
            text.append(".\n");
            XYSeries s = Plots.series(label);
            s.add(mf.sigmaW(), Math.sqrt(mf.biasVariance() + mf.inputVariance()));
            r.setSeriesPaint(marks.getSeriesCount(), Plots.color(i));
            r.setSeriesShape(marks.getSeriesCount(), bigMarker(i));
            r.setSeriesOutlinePaint(marks.getSeriesCount(), SlideStyle.INK);
            marks.addSeries(s);
            legend.add(Plots.markerItem(label, Plots.color(i), bigMarker(i)));
        }
        r.setUseOutlinePaint(true);
        r.setDrawOutlines(true);
        r.setDefaultOutlineStroke(new BasicStroke(2f));
        plot.setDataset(0, marks);
        plot.setRenderer(0, r);
        if (!skipped.isEmpty()) {
            text.append("No prediction: ").append(String.join("; ", skipped)).append(".\n");
        }
    }

    private static Shape bigMarker(int i) {
        return AffineTransform.getScaleInstance(2, 2).createTransformedShape(SlideStyle.marker(i));
    }
}
