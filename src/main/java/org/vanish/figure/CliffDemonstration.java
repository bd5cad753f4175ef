package org.vanish.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.lecture.Cliff;
import org.vanish.lecture.Parameter;

/**
 * Demonstration 4, exploding gradients and clipping: the loss surface of Pascanu et al.'s single-unit network
 * ({@link Cliff}) as a heatmap of log10 L(w, b) with its wall, and two gradient descents from the same start, one
 * plain and one with norm clipping. Near the wall the plain descent meets a gradient thousands of times larger than
 * anywhere else and is thrown off the picture; the clipped one takes a step of length lr·threshold in the same
 * direction and carries on down the valley. A click on the surface starts both descents there.
 */
public final class CliffDemonstration extends BaseDemonstration {
    /** Grid cells across and up: finer than the wall's visible width on a slide, 77 k losses of 50 steps. */
    static final int COLUMNS = 320;
    static final int ROWS = 240;
    /** The colour range of log10 L: the plateaus sit at −1.05 and −0.33; below 10⁻⁴ is the valley floor. */
    static final double LOG_LOSS_MIN = -4;
    static final double LOG_LOSS_MAX = 0;
    static final Color PLAIN = SlideStyle.color(1);
    static final Color CLIPPED = Color.WHITE;

    private static final List<Parameter> PARAMETERS = List.of(
            Parameter.real("w0", "start w", -20, 20, 6, "the recurrent weight the descents start from"),
            Parameter.real("b0", "start b", -20, 20, -4.5, "the bias the descents start from"),
            new Parameter("learningRate", "learning rate", 0.001, 10, 1, false, true,
                    "each step moves (w, b) by −learning rate × gradient"),
            Parameter.whole("steps", "steps", 1, 2000, 200, "the number of gradient-descent steps"),
            new Parameter("threshold", "clipping threshold", 0.001, 100, 1, false, true,
                    "a gradient whose norm is at least this is rescaled to this norm (Pascanu's Algorithm 1)"),
            Parameter.real("wMin", "window w from", -20, 20, 1, "left edge of the surface shown"),
            Parameter.real("wMax", "window w to", -20, 20, 9, "right edge of the surface shown"),
            Parameter.real("bMin", "window b from", -20, 20, -6, "bottom edge of the surface shown"),
            Parameter.real("bMax", "window b to", -20, 20, 1, "top edge of the surface shown"));

    /** The last complete surface: a click or a new learning rate moves the paths, not the window. */
    private volatile Cliff.Surface last;

    public CliffDemonstration() {
        super("cliff", "4 · Exploding gradients and clipping",
                "Pascanu, Mikolov & Bengio 2013, Figure 6 and Algorithm 1 (norm clipping)", PARAMETERS, false);
    }

    /** Both descents start at the clicked (w, b). */
    @Override
    public Map<String, Double> click(double x, double y, Map<String, Double> settings) {
        Map<String, Double> out = new LinkedHashMap<>(settings);
        out.put("w0", clamp(x, PARAMETERS.get(0)));
        out.put("b0", clamp(y, PARAMETERS.get(1)));
        return out;
    }

    private static double clamp(double v, Parameter p) {
        return Math.max(p.min(), Math.min(p.max(), v));
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        double wMin = settings.get("wMin");
        double wMax = settings.get("wMax");
        double bMin = settings.get("bMin");
        double bMax = settings.get("bMax");
        if (!(wMin < wMax)) {
            throw new IllegalArgumentException("demo.wMin: " + Plots.number(wMin) + " must be below wMax = "
                    + Plots.number(wMax));
        }
        if (!(bMin < bMax)) {
            throw new IllegalArgumentException("demo.bMin: " + Plots.number(bMin) + " must be below bMax = "
                    + Plots.number(bMax));
        }
        double lr = settings.get("learningRate");
        double threshold = settings.get("threshold");
        int steps = (int) Math.round(settings.get("steps"));
        double w0 = settings.get("w0");
        double b0 = settings.get("b0");
        Cliff.Surface surface = last;
        if (surface == null || surface.wMin() != wMin || surface.wMax() != wMax || surface.bMin() != bMin
                || surface.bMax() != bMax) {
            surface = Cliff.surface(wMin, wMax, bMin, bMax, COLUMNS, ROWS, cancelled);
            if (!cancelled.getAsBoolean()) {
                last = surface;
            }
        }
        Cliff.Path plain = Cliff.descend(w0, b0, lr, steps, Double.POSITIVE_INFINITY);
        Cliff.Path clipped = Cliff.descend(w0, b0, lr, steps, threshold);
        JFreeChart chart = chart(surface, plain, clipped, lr, threshold);
        return shown(chart, explanation(plain, clipped, lr, threshold));
    }

    private JFreeChart chart(Cliff.Surface s, Cliff.Path plain, Cliff.Path clipped, double lr, double threshold) {
        NumberAxis w = SlideStyle.axis("recurrent weight w");
        w.setRange(s.wMin(), s.wMax());
        NumberAxis b = SlideStyle.axis("bias b");
        b.setRange(s.bMin(), s.bMax());
        XYPlot plot = SlideStyle.plot(w, b);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        float[] logLoss = new float[s.loss().length];
        for (int i = 0; i < logLoss.length; i++) {
            logLoss[i] = (float) Math.max(LOG_LOSS_MIN, Math.log10(s.loss()[i]));
        }
        ColourMap colours = ColourMap.viridis(LOG_LOSS_MIN, LOG_LOSS_MAX);
        Rectangle2D box = new Rectangle2D.Double(2 * s.wMin() - s.wMax(), 2 * s.bMin() - s.bMax(),
                3 * (s.wMax() - s.wMin()), 3 * (s.bMax() - s.bMin()));
        XYSeriesCollection paths = new XYSeriesCollection();
        paths.addSeries(path("no clipping", plain, box));
        paths.addSeries(path("clipped", clipped, box));
        XYSeries start = Plots.series("start");
        start.add(plain.w()[0], plain.b()[0]);
        paths.addSeries(start);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, PLAIN);
        r.setSeriesPaint(1, CLIPPED);
        r.setSeriesPaint(2, Color.BLACK);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesStroke(1, new BasicStroke(2f));
        r.setSeriesShape(0, ShapeUtils.createDiamond(4));
        r.setSeriesShape(1, new Rectangle2D.Double(-2.5, -2.5, 5, 5));
        r.setSeriesShape(2, ShapeUtils.createUpTriangle(11));
        r.setSeriesLinesVisible(2, false);
        r.setDrawSeriesLineAsPath(true);
        // behind the paths: the plot's own annotations are drawn over the data
        r.addAnnotation(new CellGrid(logLoss, s.columns(), s.rows(),
                new Rectangle2D.Double(s.wMin(), s.bMin(), s.wMax() - s.wMin(), s.bMax() - s.bMin()), colours,
                CellGrid.Reduce.MEAN), Layer.BACKGROUND);
        plot.setDataset(paths);
        plot.setRenderer(r);
        Rectangle2D window = new Rectangle2D.Double(s.wMin(), s.bMin(), s.wMax() - s.wMin(), s.bMax() - s.bMin());
        addJump(plot, plain, window);
        addExit(plot, plain, window);

        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(w);
        panels.add(plot);
        ColourBarPlot bars = new ColourBarPlot(panels);
        bars.addBar(colours, "log10 L(w, b)", 0, 0);
        JFreeChart chart = new SlideChart("The cliff: one gradient step on the wall throws the descent away",
                SlideStyle.TITLE, bars, false);
        SlideStyle.style(chart, String.format(Locale.ROOT,
                "xₜ = w·σ(xₜ₋₁) + b,  x₀ = 0.5,  L = (σ(x₅₀) − 0.7)²   ·   learning rate %s   ·   clipping threshold %s",
                Plots.number(lr), Plots.number(threshold)));
        LegendItemCollection items = new LegendItemCollection();
        items.add(Plots.markerItem("start (" + Plots.number(plain.w()[0]) + ", " + Plots.number(plain.b()[0]) + ")",
                Color.BLACK, ShapeUtils.createUpTriangle(9)));
        items.add(pathItem("gradient descent, no clipping", PLAIN, r.getSeriesShape(0)));
        items.add(pathItem("with norm clipping", CLIPPED, r.getSeriesShape(1)));
        LegendTitle legend = new LegendTitle(() -> items);
        SlideStyle.style(legend);
        chart.addSubtitle(legend);
        return chart;
    }

    /** A legend entry: the path's marker, outlined so that the white one shows on the white legend. */
    private static LegendItem pathItem(String label, Color colour, Shape marker) {
        Shape big = AffineTransform.getScaleInstance(2, 2).createTransformedShape(marker);
        LegendItem item = new LegendItem(label, null, null, null, true, big, true, colour, true, SlideStyle.INK,
                new BasicStroke(1f), false, SlideStyle.legendLine(), SlideStyle.solid(), colour);
        item.setLabelFont(SlideStyle.LEGEND);
        item.setLabelPaint(SlideStyle.INK);
        return item;
    }

    /** The path as a series, each segment cut where it leaves box (a gap until it comes back). */
    static XYSeries path(String key, Cliff.Path p, Rectangle2D box) {
        XYSeries s = Plots.series(key);
        boolean open = false;
        for (int k = 0; k < p.steps(); k++) {
            double[] seg = clip(p.w()[k], p.b()[k], p.w()[k + 1], p.b()[k + 1], box);
            if (seg == null) {
                open = false;
                continue;
            }
            if (!open || seg[4] > 0) {
                if (s.getItemCount() > 0) {
                    s.add(seg[0], null, false);
                }
                s.add(seg[0], seg[1], false);
            }
            s.add(seg[2], seg[3], false);
            open = seg[5] == 1;
        }
        if (p.steps() == 0) {
            s.add(p.w()[0], p.b()[0]);
        }
        return s;
    }

    /**
     * The part of the segment (x0, y0)–(x1, y1) inside box (Liang–Barsky) as {x, y, x, y, t0, t1}, or null.
     */
    static double[] clip(double x0, double y0, double x1, double y1, Rectangle2D box) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - box.getMinX(), box.getMaxX() - x0, y0 - box.getMinY(), box.getMaxY() - y0};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        if (t0 > t1) {
            return null;
        }
        return new double[] {x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy, t0, t1};
    }

    /**
     * Points at the plain descent's largest gradient, with its norm: above or below the point, whichever half of the
     * window has more room, centred unless near a side; but where that label would hide the descents (the clipped one
     * runs up the wall right above the shipped start's jump), the placement of the six, above or below and left,
     * centred or right, that crosses the fewest of their points and segments ({@link ClearPointer}).
     */
    private static void addJump(XYPlot plot, Cliff.Path plain, Rectangle2D window) {
        int k = plain.jump();
        String text = "step " + k + ": ‖∇L‖ = " + Plots.power(plain.gradient()[k].log10Norm());
        double across = (plain.w()[k] - window.getMinX()) / window.getWidth();
        boolean below = plain.b()[k] > window.getCenterY();
        List<ClearPointer.Placement> placements = new java.util.ArrayList<>();
        for (boolean down : below ? new boolean[] {true, false} : new boolean[] {false, true}) {
            double angle = down ? Math.PI / 2 : -Math.PI / 2;
            TextAnchor left = down ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT;
            TextAnchor centre = down ? TextAnchor.TOP_CENTER : TextAnchor.BOTTOM_CENTER;
            TextAnchor right = down ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_RIGHT;
            TextAnchor first = across < 1 / 3.0 ? left : across > 2 / 3.0 ? right : centre;
            placements.add(new ClearPointer.Placement(angle, first));
            for (TextAnchor a : List.of(centre, right, left)) {
                if (a != first) {
                    placements.add(new ClearPointer.Placement(angle, a));
                }
            }
        }
        ClearPointer a = new ClearPointer(text, plain.w()[k], plain.b()[k], placements, plot.getDataset());
        a.setFont(SlideStyle.ANNOTATION);
        a.setPaint(Color.WHITE);
        a.setArrowPaint(Color.WHITE);
        a.setArrowStroke(new BasicStroke(2f));
        a.setBaseRadius(70);
        a.setTipRadius(8);
        a.setArrowLength(12);
        a.setBackgroundPaint(new Color(0, 0, 0, 150));
        plot.addAnnotation(a);
    }

    /** A parameter value for the explanation: "5.27", "901", "-1436", "2.5×10¹²". */
    static String coordinate(double v) {
        if (Math.abs(v) >= 1e6) {
            return (v < 0 ? "−" : "") + Plots.power(Math.log10(Math.abs(v)));
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : Plots.number(v);
    }

    /** Where the jump leaves the window, says where it lands: the line alone runs off the slide. */
    private static void addExit(XYPlot plot, Cliff.Path plain, Rectangle2D window) {
        int k = plain.jump();
        if (plain.escaped() || window.contains(plain.w()[k + 1], plain.b()[k + 1])) {
            return;
        }
        double[] seg = clip(plain.w()[k], plain.b()[k], plain.w()[k + 1], plain.b()[k + 1], window);
        if (seg == null) {
            return;
        }
        XYTextAnnotation a = new XYTextAnnotation(" to (" + coordinate(plain.w()[k + 1]) + ", "
                + coordinate(plain.b()[k + 1]) + ") ", seg[2], seg[3]);
        a.setFont(SlideStyle.ANNOTATION);
        a.setPaint(Color.WHITE);
        a.setBackgroundPaint(new Color(0, 0, 0, 150));
        // hang the label inside the window from the point where the line leaves it
        boolean low = seg[3] <= window.getMinY() + 1e-9 * window.getHeight();
        boolean left = seg[2] <= window.getMinX() + 1e-9 * window.getWidth();
        a.setTextAnchor(low ? (left ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT)
                : (left ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT));
        plot.addAnnotation(a);
    }

    /** The start, the plain descent's jump and where it ends, what clipping did, and where the wall starts. */
    private static String explanation(Cliff.Path plain, Cliff.Path clipped, double lr, double threshold) {
        StringBuilder sb = new StringBuilder();
        Cliff.Gradient g0 = plain.gradient()[0];
        sb.append(String.format(Locale.ROOT, "Start (%s, %s): L = %s, ‖∇L‖ = %s.%n", Plots.number(plain.w()[0]),
                Plots.number(plain.b()[0]), Plots.number(g0.loss()), Plots.power(g0.log10Norm())));
        int k = plain.jump();
        Cliff.Gradient gk = plain.gradient()[k];
        sb.append(String.format(Locale.ROOT, "No clipping: at step %d ‖∇L‖ = %s", k, Plots.power(gk.log10Norm())));
        if (plain.escaped()) {
            sb.append("; that step left double precision and the descent ended.\n");
        } else {
            int last = plain.steps();
            sb.append(String.format(Locale.ROOT, "; that step throws (w, b) to (%s, %s).%nAfter %d steps L = %s.%n",
                    coordinate(plain.w()[k + 1]), coordinate(plain.b()[k + 1]), last,
                    Plots.number(plain.gradient()[last].loss())));
        }
        int count = 0;
        for (boolean c : clipped.clipped()) {
            count += c ? 1 : 0;
        }
        int last = clipped.steps();
        sb.append(String.format(Locale.ROOT, "Norm clipping at %s: %d of %d steps cut to length lr·threshold = %s;"
                        + " after %d steps L = %s at (%s, %s).%n", Plots.number(threshold), count, last,
                Plots.number(lr * threshold), last, Plots.number(clipped.gradient()[last].loss()),
                Plots.number(clipped.w()[last]), Plots.number(clipped.b()[last])));
        sb.append(String.format(Locale.ROOT, "The wall b = 0.5 − wσ(0.5), where x₀ = 0.5 is an unstable fixed point,"
                + " starts at (%s, %s).%n", Plots.number(Cliff.wallTipW()), Plots.number(Cliff.wallB(Cliff.wallTipW()))));
        return sb.toString();
    }
}
