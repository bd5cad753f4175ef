package org.vanish.figure;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training lab's four views, drawn from a {@link TrainingSnapshot}:
 * <ul>
 *   <li>{@code training-loss}: the minibatch loss against the training step on a log axis, the held-out loss as
 *       points, the task's trivial baseline as a labelled dashed line and, when the task has one, the accuracy
 *       on a second axis;</li>
 *   <li>{@code training-heatmap}: log10 ‖∂L/∂h_t‖ over (training step, t), painted as an image ({@link CellGrid}),
 *       so the class sees which positions ever receive a learning signal;</li>
 *   <li>{@code training-gradient}: the global gradient norm (before clipping) on a log axis, the clipping
 *       threshold and the clipped steps marked;</li>
 *   <li>{@code training-spectrum}: the eigenvalues of the recurrent matrix in the complex plane with the unit
 *       circle, the initial ones faint, the current ones solid, at equal scales on both axes.</li>
 * </ul>
 */
public final class TrainingFigures {
    public static final List<String> NAMES = List.of("training-loss", "training-heatmap", "training-gradient",
            "training-spectrum");
    static final String STEP_LABEL = "training step";
    static final String EMPTY = "press Play (Space) or Step (S) to train";
    static final String CLIPPED_KEY = "clipped steps";
    /** Below this a loss or norm is drawn at this value: a log axis has no 0. */
    private static final double FLOOR = 1e-12;
    /** A log axis spans at least this many decades, so that two decade ticks are labelled. */
    private static final double MIN_DECADES = 2;
    private static final Color FAINT = new Color(0x0072B2 & 0xFFFFFF | 0x55 << 24, true);
    private static final Color CLIP = new Color(0xD55E00);
    /** Above this many clipped steps their markers are drawn smaller. */
    private static final int MANY_MARKERS = 100;

    private TrainingFigures() {
    }

    /** The view called name (a {@link #NAMES} entry). */
    public static JFreeChart chart(String name, TrainingSnapshot s) {
        switch (name) {
            case "training-loss": return loss(s);
            case "training-heatmap": return heatmap(s);
            case "training-gradient": return gradientNorm(s);
            case "training-spectrum": return spectrum(s);
            default: throw new IllegalArgumentException("no training view " + name + "; the views are " + NAMES);
        }
    }

    /** Loss (log y) and, if the task has one, accuracy (right axis) against the step; the baseline dashed. */
    public static JFreeChart loss(TrainingSnapshot s) {
        XYPlot plot = SlideStyle.plot(stepAxis(s), logAxis("loss"));
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(positive("training loss (minibatch" + perPoint(s) + ")", s.step(), s.loss()));
        losses.addSeries(positive("held-out loss", s.evalStep(), s.evalLoss()));
        XYLineAndShapeRenderer r = Plots.lines(SlideStyle.solid(), "{0}: step {1}, loss {2}");
        r.setSeriesPaint(0, SlideStyle.color(0));
        held(r, 1, SlideStyle.color(1), SlideStyle.marker(0));
        plot.setDataset(0, losses);
        plot.setRenderer(0, r);
        decades(plot, logRange(FLOOR, s.loss(), s.evalLoss(), new double[] {s.baseline()}));
        if (Double.isFinite(s.baseline()) && s.baseline() > 0) {
            // behind the data: a loss sitting on the baseline must still show
            plot.addRangeMarker(0, line(s.baseline(), "baseline: " + s.baselineLabel(), SlideStyle.INK), Layer.BACKGROUND,
                    false);
        }
        if (s.accuracy() != null) {
            NumberAxis acc = SlideStyle.axis("accuracy");
            acc.setRange(0, 1.02);
            acc.setNumberFormatOverride(new DecimalFormat("0%"));
            XYSeriesCollection accuracy = new XYSeriesCollection();
            accuracy.addSeries(xy(Plots.series("training accuracy"), s.step(), s.accuracy()));
            accuracy.addSeries(xy(Plots.series("held-out accuracy"), s.evalStep(), s.evalAccuracy()));
            XYLineAndShapeRenderer ra = Plots.lines(SlideStyle.dashed(), "{0}: step {1}, accuracy {2}");
            ra.setSeriesPaint(0, SlideStyle.color(2));
            held(ra, 1, SlideStyle.color(2), SlideStyle.marker(3));
            plot.setRangeAxis(1, acc);
            plot.setDataset(1, accuracy);
            plot.setRenderer(1, ra);
            plot.mapDatasetToRangeAxis(1, 1);
        }
        return chart(s.accuracy() != null ? "Loss and accuracy" : "Loss", plot, s);
    }

    /** The global gradient norm before clipping (log y), the threshold and the clipped steps. */
    public static JFreeChart gradientNorm(TrainingSnapshot s) {
        XYPlot plot = SlideStyle.plot(stepAxis(s), logAxis("global norm ‖∂L/∂θ‖₂"));
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(positive("gradient norm before clipping" + (s.stride() > 1 ? " (largest of " + s.stride()
                + " steps)" : ""), s.step(), s.gradNorm()));
        boolean clipping = !Double.isNaN(s.clipThreshold());
        if (clipping) {
            XYSeries clipped = Plots.series(CLIPPED_KEY + " (" + s.clippedSteps() + ")");
            for (int i = 0; i < s.points(); i++) {
                if (s.clipped()[i] > 0) {
                    clipped.add(s.step()[i], Math.max(FLOOR, s.gradNorm()[i]), false);
                }
            }
            data.addSeries(clipped);
        }
        XYLineAndShapeRenderer r = Plots.lines(SlideStyle.solid(), "{0}: step {1}, norm {2}");
        r.setSeriesPaint(0, SlideStyle.color(0));
        // hundreds of markers at full size would hide the curve
        float cross = s.clippedSteps() > MANY_MARKERS ? 3.5f : 6f;
        held(r, 1, CLIP, ShapeUtils.createDiagonalCross(cross, cross / 4));
        plot.setDataset(data);
        plot.setRenderer(r);
        double[] threshold = clipping ? new double[] {s.clipThreshold()} : new double[0];
        // before the first step the message "press Play ..." is drawn across the middle, where the threshold's line
        // would strike it through: the threshold goes a third of the way up instead
        decades(plot, clipping && s.points() == 0 ? new Range(s.clipThreshold() / 10, s.clipThreshold() * 100)
                : logRange(FLOOR, s.gradNorm(), threshold));
        if (clipping) {
            plot.addRangeMarker(0, line(s.clipThreshold(), "clipping threshold " + Plots.number(s.clipThreshold()), CLIP),
                    Layer.BACKGROUND, false);
        }
        return chart(clipping ? "Gradient norm and clipping" : "Gradient norm (clipping off)", plot, s);
    }

    /** log10 ‖∂L/∂h_t‖ over (training step, t) as an image, t = 0 at the bottom, with its colour bar. */
    public static JFreeChart heatmap(TrainingSnapshot s) {
        NumberAxis steps = stepAxis(s);
        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(steps);
        ColourBarPlot plot = new ColourBarPlot(panels);
        NumberAxis time = SlideStyle.axis(HeatmapFigure.TIME_LABEL + " in the sequence");
        time.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        time.setRange(new Range(-0.5, s.length() + 0.5), true, false);
        XYPlot panel = new XYPlot(null, null, time, null);
        SlideStyle.style(panel);
        panel.setDomainGridlinesVisible(false);
        panel.setRangeGridlinesVisible(false);
        panels.add(panel);
        if (s.points() > 0) {
            double[] range = HeatmapFigure.colourRange(s.gradByTime());
            CellGrid grid = new CellGrid(s.gradByTime(), s.points(), s.length() + 1, 0.5 * (s.stride() - 1), s.stride(),
                    ColourMap.viridis(range[0], range[1]), CellGrid.Reduce.MAX);
            panel.addAnnotation(grid, false);
            plot.addBar(grid.colours(), "log10 ‖∂L/∂hₜ‖", 0, 0);
        } else {
            empty(panel);
        }
        String every = s.stride() > 1 ? "a column is the largest of " + s.stride() + " steps" : "";
        JFreeChart chart = new SlideChart("Learning signal per position t", SlideStyle.TITLE, plot, false);
        SlideStyle.style(chart, s.title().isEmpty() || every.isEmpty() ? s.title() + every : s.title() + "; " + every);
        return chart;
    }

    /** The eigenvalues of the recurrent matrix: initial faint, current solid, with the unit circle. */
    public static JFreeChart spectrum(TrainingSnapshot s) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points("initial (step 0)", s.initialRe(), s.initialIm()));
        data.addSeries(points("now (step " + s.stepsDone() + ")", s.currentRe(), s.currentIm()));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Shape dot = new Ellipse2D.Double(-5.5, -5.5, 11, 11);
        r.setSeriesShape(0, dot);
        r.setSeriesPaint(0, FAINT);
        r.setSeriesShape(1, dot);
        r.setSeriesPaint(1, SlideStyle.color(0));
        r.setDefaultToolTipGenerator(new TemplateToolTips("{0}: λ = {1} + {2} i",
                new DecimalFormat("0.####"), new DecimalFormat("0.####")));
        double reach = 1;
        for (XYSeries ser : List.of(data.getSeries(0), data.getSeries(1))) {
            for (int i = 0; i < ser.getItemCount(); i++) {
                reach = Math.max(reach, Math.hypot(ser.getX(i).doubleValue(), ser.getY(i).doubleValue()));
            }
        }
        reach *= 1.12;
        SquarePlot plot = new SquarePlot(data, SlideStyle.axis("Re λ"), SlideStyle.axis("Im λ"), r,
                new Range(-reach, reach));
        SlideStyle.style(plot);
        r.addAnnotation(new XYShapeAnnotation(new Ellipse2D.Double(-1, -1, 2, 2), SlideStyle.reference(false),
                SlideStyle.REFERENCE), Layer.BACKGROUND);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(Plots.markerItem(data.getSeries(0).getKey().toString(), FAINT, dot));
        legend.add(Plots.markerItem(data.getSeries(1).getKey().toString(), SlideStyle.color(0), dot));
        legend.add(Plots.styleItem("unit circle |λ| = 1", SlideStyle.reference(false)));
        plot.setFixedLegendItems(legend);
        return chart("Eigenvalues of " + s.matrix(), plot, s);
    }

    /** An XY plot at equal scales on both axes, showing at least square on both (a circle stays a circle). */
    static final class SquarePlot extends XYPlot {
        private static final long serialVersionUID = 1L;
        private final Range square;

        SquarePlot(XYSeriesCollection data, ValueAxis x, ValueAxis y, XYLineAndShapeRenderer r, Range square) {
            super(data, x, y, r);
            this.square = square;
            SideBySidePlot.fixAxisSpaces(this);
        }

        @Override
        public void draw(java.awt.Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState,
                         PlotRenderingInfo info) {
            SideBySidePlot.equalScales(this, area, square);
            super.draw(g2, area, anchor, parentState, info);
        }
    }

    private static NumberAxis stepAxis(TrainingSnapshot s) {
        NumberAxis x = SlideStyle.axis(STEP_LABEL);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(new Range(-0.5, Math.max(1, s.stepsDone()) - 0.5), true, false);
        return x;
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        SlideStyle.style(a);
        a.setSmallestValue(FLOOR);
        return a;
    }

    /**
     * Sets a log axis to range with ticks at whole decades (every 1, 2 or 5 decades as the span asks), labelled
     * 0.01, 0.1, 1, 10 or 1e-05, and minor ticks at 2..9 times a decade when the labels are a decade apart.
     */
    static void decades(XYPlot plot, Range range) {
        LogAxis a = (LogAxis) plot.getRangeAxis();
        a.setRange(range, true, false);
        double span = Math.log10(range.getUpperBound() / range.getLowerBound());
        int unit = span <= 6 ? 1 : span <= 12 ? 2 : 5;
        a.setTickUnit(new NumberTickUnit(unit, new DecimalFormat("0"), unit == 1 ? 9 : unit), false, true);
        a.setNumberFormatOverride(new DecadeFormat());
        a.setMinorTickMarksVisible(unit == 1);
        plot.setRangeMinorGridlinesVisible(unit == 1);
        plot.setRangeMinorGridlinePaint(new Color(0xF0F0F0));
    }

    /** A power of ten as a reader writes it: 0.001 to 10000 in full, beyond as 1e-05, 1e+06. */
    static final class DecadeFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double v, StringBuffer out, FieldPosition pos) {
            long k = Math.round(Math.log10(v));
            if (k >= -3 && k <= 4) {
                return out.append(java.math.BigDecimal.ONE.scaleByPowerOfTen((int) k).toPlainString());
            }
            return out.append(String.format(java.util.Locale.ROOT, "1e%+03d", k));
        }

        @Override
        public StringBuffer format(long v, StringBuffer out, FieldPosition pos) {
            return format((double) v, out, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }

    /** The positive range of the finite positive values, padded by a twentieth of its span, at least {@link #MIN_DECADES} decades. */
    static Range logRange(double floor, double[]... values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] vs : values) {
            for (double v : vs) {
                if (Double.isFinite(v) && v > 0) {
                    double l = Math.log10(Math.max(floor, v));
                    lo = Math.min(lo, l);
                    hi = Math.max(hi, l);
                }
            }
        }
        if (lo > hi) {
            return new Range(0.1, 10);
        }
        double span = Math.max(MIN_DECADES, hi - lo);
        double mid = 0.5 * (lo + hi);
        return new Range(Math.pow(10, mid - 0.55 * span), Math.pow(10, mid + 0.55 * span));
    }

    /** (x[i], y[i]) for the finite positive y, for a log axis. */
    private static XYSeries positive(String key, double[] x, double[] y) {
        XYSeries s = Plots.series(key);
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && y[i] > 0) {
                s.add(x[i], Math.max(FLOOR, y[i]), false);
            }
        }
        return s;
    }

    /** (x[i], y[i]) for the finite y. */
    private static XYSeries xy(XYSeries s, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                s.add(x[i], y[i], false);
            }
        }
        return s;
    }

    private static XYSeries points(String key, double[] re, double[] im) {
        XYSeries s = Plots.series(key);
        for (int i = 0; i < re.length; i++) {
            s.add(re[i], im[i], false);
        }
        return s;
    }

    /** Series i of r drawn as markers alone (held-out evaluations, clipped steps). */
    private static void held(XYLineAndShapeRenderer r, int i, Color c, Shape shape) {
        r.setSeriesLinesVisible(i, false);
        r.setSeriesShapesVisible(i, true);
        r.setSeriesShape(i, shape);
        r.setSeriesPaint(i, c);
    }

    private static ValueMarker line(double y, String label, Color c) {
        ValueMarker m = new ValueMarker(y, c, SlideStyle.dashed());
        m.setLabel(label);
        m.setLabelFont(SlideStyle.ANNOTATION);
        m.setLabelPaint(c);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        m.setLabelOffset(new RectangleInsets(4, 4, 4, 8));
        m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        return m;
    }

    private static String perPoint(TrainingSnapshot s) {
        return s.stride() > 1 ? ", mean of " + s.stride() + " steps" : "";
    }

    private static void empty(XYPlot p) {
        p.setNoDataMessage(EMPTY);
        p.setNoDataMessageFont(SlideStyle.AXIS_LABEL);
        p.setNoDataMessagePaint(SlideStyle.REFERENCE);
    }

    private static JFreeChart chart(String title, XYPlot plot, TrainingSnapshot s) {
        if (s.points() == 0) {
            empty(plot);
        }
        JFreeChart chart = new SlideChart(title, SlideStyle.TITLE, plot, true);
        SlideStyle.style(chart, s.title());
        return chart;
    }
}
