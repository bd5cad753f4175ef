package org.vanish.figure;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.Spectra;

/**
 * The spectrum of each run's main recurrent matrix: W_h for the rnn, additive and gru cells, and for the lstm
 * the gate matrix of largest spectral radius (as the dashboard's summary line). Left, the eigenvalues in the
 * complex plane with the unit circle and, for gaussian draws, the circular law's circle of radius g·s (gain
 * times W scale); right, the singular values, descending, with a line at 1/γ for each γ in play (Pascanu et
 * al.: σ_max &lt; 1/γ guarantees vanishing for the rnn). Runs whose matrices are identical (one seed, one
 * matrix name) share one series, labelled with all their names.
 */
public final class SpectrumFigure implements Figure {
    static final String MAIN_MATRIX = "W_h";
    private static final double SIGMOID_GAMMA = 0.25;
    /** The circular law's disk: a translucent grey, so grid lines and the unit circle show through. */
    static final java.awt.Color DISK = new java.awt.Color(0, 0, 0, 24);

    /** What a hollow marker is. */
    static final String BACKWARD_NOTE = "hollow: backward direction";

    /** Whether view c is the backward direction of the layer whose forward direction is view c − 1. */
    private static boolean backwardTwin(List<RunResult> runs, int c) {
        return c > 0 && c < runs.size() && LayerViews.twins(runs.get(c - 1), runs.get(c));
    }

    /** The marker of view c: a backward direction shares its forward twin's shape (drawn hollow). */
    private static int shape(List<RunResult> runs, int c) {
        return backwardTwin(runs, c) ? c - 1 : c;
    }

    /** Runs that show one and the same matrix. */
    record Group(String matrix, Spectra.Spectrum spectrum, List<Integer> runs, String label) {
    }

    @Override
    public String name() {
        return "spectrum";
    }

    @Override
    public Quantities needs() {
        return Quantities.LIVE;
    }

    /**
     * The matrix a run is summed up by (W_h where the cell has one, else the gate matrix of largest spectral
     * radius); the run must have computed spectra. The dashboard's summary line names the same one.
     */
    public static String mainMatrix(RunResult r) {
        Map<String, Spectra.Spectrum> s = r.spectra();
        if (s.containsKey(MAIN_MATRIX)) {
            return MAIN_MATRIX;
        }
        return s.entrySet().stream().max(Comparator.comparingDouble(e -> e.getValue().spectralRadius()))
                .map(Map.Entry::getKey).orElseThrow();
    }

    /** γ = max φ' of the nonlinearity the matrix feeds: φ for rnn and additive, σ for gates, tanh for candidates. */
    static double gamma(RunResult r, String matrix) {
        CellType c = r.spec().cell();
        if (c.usesActivation()) {
            return r.spec().activation().gamma();
        }
        boolean candidate = c == CellType.LSTM ? matrix.equals("W_c") : matrix.equals("W_h");
        return candidate ? 1.0 : SIGMOID_GAMMA;
    }

    private static String nonlinearity(RunResult r, String matrix) {
        CellType c = r.spec().cell();
        if (c.usesActivation()) {
            return r.spec().activation().id();
        }
        return gamma(r, matrix) == 1.0 ? "tanh" : "σ";
    }

    /** Runs with spectra, grouped by identical matrices, in run order. */
    static List<Group> groups(List<RunResult> runs) {
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            if (r.spectra() == null || r.spectra().isEmpty()) {
                continue;
            }
            String m = mainMatrix(r);
            Spectra.Spectrum s = r.spectra().get(m);
            Group same = null;
            for (Group g : out) {
                if (g.matrix().equals(m) && Arrays.deepEquals(g.spectrum().eigenvalues, s.eigenvalues)
                        && Arrays.equals(g.spectrum().singularValues, s.singularValues)) {
                    same = g;
                }
            }
            if (same == null) {
                out.add(new Group(m, s, new ArrayList<>(List.of(i)), null));
            } else {
                same.runs().add(i);
            }
        }
        List<Group> labelled = new ArrayList<>();
        for (Group g : out) {
            StringBuilder sb = new StringBuilder();
            for (int i : g.runs()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(runs.get(i).spec().label());
            }
            labelled.add(new Group(g.matrix(), g.spectrum(), g.runs(), sb + " (" + g.matrix() + ")"));
        }
        return labelled;
    }

    @Override
    public JFreeChart chart(List<RunResult> runs) {
        List<Group> groups = groups(runs);
        XYPlot eig = eigenvaluePlot(runs, groups);
        XYPlot sv = singularValuePlot(runs, groups);
        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < groups.size(); k++) {
            int c = groups.get(k).runs().get(0);
            if (k > 0 && backwardTwin(runs, c) && groups.get(k - 1).runs().get(0) == c - 1) {
                continue;   // named with its forward direction
            }
            String label = groups.get(k).label();
            if (k + 1 < groups.size() && backwardTwin(runs, c + 1) && groups.get(k + 1).runs().get(0) == c + 1) {
                String both = groups.get(k).matrix().equals(groups.get(k + 1).matrix()) ? groups.get(k).matrix()
                        : groups.get(k).matrix() + ", " + groups.get(k + 1).matrix();
                label = LayerViews.layerLabel(runs.get(c)) + " (" + both + ")";
            }
            legend.add(Plots.markerItem(label, Plots.color(runs, c), SlideStyle.marker(shape(runs, c))));
        }
        if (runs.stream().anyMatch(LayerViews::isBackward)) {
            legend.add(Plots.noteItem(BACKWARD_NOTE));
        }
        legend.add(Plots.styleItem("unit circle |λ| = 1", SlideStyle.reference(false)));
        Set<Double> radii = circularLawRadii(runs, groups);
        if (!radii.isEmpty()) {
            String r = radii.stream().map(Plots::number).reduce((a, b) -> a + ", " + b).orElse("");
            legend.add(Plots.markerItem("circular law: disk of radius g·s = " + r, DISK,
                    new java.awt.geom.Rectangle2D.Double(-9, -9, 18, 18)));
        }
        double reach = 1.0;
        for (Group g : groups) {
            reach = Math.max(reach, g.spectrum().spectralRadius());
        }
        for (double radius : circularLawRadii(runs, groups)) {
            reach = Math.max(reach, radius);
        }
        reach *= 1.12;
        SideBySidePlot both = new SideBySidePlot(eig, sv, 1.02, new Range(-reach, reach), legend);
        String which = groups.stream().map(Group::matrix).distinct().reduce((a, b) -> a + ", " + b).orElse("W_h");
        return Plots.chart("Spectrum of " + which + ": eigenvalues and singular values", both, runs);
    }

    private static XYPlot eigenvaluePlot(List<RunResult> runs, List<Group> groups) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Set<String> keys = Plots.keys();
        for (int k = 0; k < groups.size(); k++) {
            Group g = groups.get(k);
            XYSeries s = Plots.series(Plots.key(keys, g.label()));
            for (double[] ev : g.spectrum().eigenvalues) {
                s.add(ev[0], ev[1], false);
            }
            data.addSeries(s);
            int c = g.runs().get(0);
            r.setSeriesPaint(k, Plots.color(runs, c));
            r.setSeriesShape(k, SlideStyle.marker(shape(runs, c)));
            r.setSeriesShapesFilled(k, !LayerViews.isBackward(runs.get(c)));
        }
        r.setDefaultToolTipGenerator(new TemplateToolTips("{0}: λ = {1} + {2} i",
                new java.text.DecimalFormat("0.####"), new java.text.DecimalFormat("0.####")));
        XYPlot plot = new XYPlot(data, SlideStyle.axis("Re λ"), SlideStyle.axis("Im λ"), r);
        SlideStyle.style(plot);
        // behind the eigenvalues: the disks first, the unit circle over them
        for (double radius : circularLawRadii(runs, groups)) {
            r.addAnnotation(new XYShapeAnnotation(disk(radius), null, null, DISK), Layer.BACKGROUND);
        }
        r.addAnnotation(new XYShapeAnnotation(disk(1.0), SlideStyle.reference(false), SlideStyle.REFERENCE),
                Layer.BACKGROUND);
        return plot;
    }

    private static Ellipse2D disk(double radius) {
        return new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius);
    }

    /** g·|s| of every shown gaussian draw that was not given explicitly, without repeats. */
    static Set<Double> circularLawRadii(List<RunResult> runs, List<Group> groups) {
        Set<Double> radii = new LinkedHashSet<>();
        for (Group g : groups) {
            for (int i : g.runs()) {
                RunResult r = runs.get(i);
                if (r.spec().init() == InitScheme.GAUSSIAN && !r.spec().explicitParameters().containsKey(g.matrix())) {
                    radii.add(r.spec().gain() * Math.abs(r.spec().scale()));
                }
            }
        }
        return radii;
    }

    private static XYPlot singularValuePlot(List<RunResult> runs, List<Group> groups) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = Plots.lines(SlideStyle.solid(), "{0}: σ_{1} = {2}");
        Set<String> keys = Plots.keys();
        int n = 1;
        double top = 0;
        // γ → the nonlinearities that have it, for the 1/γ lines
        Map<Double, Set<String>> gammas = new TreeMap<>();
        for (int k = 0; k < groups.size(); k++) {
            Group g = groups.get(k);
            XYSeries s = Plots.series(Plots.key(keys, g.label()));
            double[] sv = g.spectrum().singularValues;
            for (int i = 0; i < sv.length; i++) {
                s.add(i + 1, sv[i], false);
            }
            n = Math.max(n, sv.length);
            top = Math.max(top, g.spectrum().largestSingularValue());
            data.addSeries(s);
            int c = g.runs().get(0);
            r.setSeriesPaint(k, Plots.color(runs, c));
            r.setSeriesShape(k, SlideStyle.marker(shape(runs, c)));
            r.setSeriesShapesFilled(k, !LayerViews.isBackward(runs.get(c)));
            for (int i : g.runs()) {
                gammas.computeIfAbsent(gamma(runs.get(i), g.matrix()), x -> new LinkedHashSet<>())
                        .add(nonlinearity(runs.get(i), g.matrix()));
            }
        }
        r.setDefaultShapesVisible(n <= 100);
        NumberAxis x = SlideStyle.axis("index i");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = SlideStyle.axis("singular value σ_i");
        XYPlot plot = new XYPlot(data, x, y, r);
        SlideStyle.style(plot);
        Map<Double, String> lines = new LinkedHashMap<>();
        for (Map.Entry<Double, Set<String>> e : gammas.entrySet()) {
            lines.put(1.0 / e.getKey(), "1/γ = " + Plots.number(1.0 / e.getKey()) + " (" + String.join(", ", e.getValue())
                    + ")");
            top = Math.max(top, 1.0 / e.getKey());
        }
        for (Map.Entry<Double, String> e : lines.entrySet()) {
            ValueMarker m = new ValueMarker(e.getKey(), SlideStyle.INK, SlideStyle.dashed());
            m.setLabel(e.getValue());
            m.setLabelFont(SlideStyle.ANNOTATION);
            m.setLabelPaint(SlideStyle.INK);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            m.setLabelOffset(new RectangleInsets(4, 4, 4, 8));
            m.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 0));
            plot.addRangeMarker(0, m, Layer.BACKGROUND, false);
        }
        x.setRange(new Range(0.5, n + 0.5), true, false);
        double ceiling = Math.max(top, 1e-12) * 1.1;
        // a little below 0, so that a zero singular value is a whole marker, not half of one
        y.setRange(new Range(-0.02 * ceiling, ceiling), true, false);
        return plot;
    }
}
