package org.vanish.figure;

import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;

/** What the figures share: log10 series with gaps, renderers, the subtitle and the value range. */
final class Plots {
    /** The smallest span of a log10 axis, so that a flat curve still shows a decade. */
    static final double MIN_LOG_SPAN = 1.0;
    /** Above this many values a curve is thinned to its buckets' extremes, about this many points (two per pixel column). */
    static final int MAX_POINTS = 4000;

    private Plots() {
    }

    /** An empty series that keeps insertion order and allows repeated x (no per-point checks). */
    static XYSeries series(String key) {
        return new XYSeries(key, false, true);
    }

    /**
     * Adds the points (x0 + i·dx, y[i]) whose y is finite. A run of non-finite values (log10 of an exact
     * zero) between finite ones becomes one null, which the renderers draw as a gap; leading and trailing ones
     * add nothing, so the series has exactly as many non-null points as y has finite values.
     * Above {@link #MAX_POINTS} values only the first, the last and each bucket's lowest and highest are kept
     * (more than two per pixel column of a slide, so the drawn curve is the same; an SVG of T = 10^5 stays small).
     */
    static void addFinite(XYSeries s, double[] y, double x0, double dx) {
        int[] keep = y.length > MAX_POINTS ? envelope(y, MAX_POINTS / 2) : null;
        boolean gap = false;
        double gapX = 0;
        int count = keep == null ? y.length : keep.length;
        for (int k = 0; k < count; k++) {
            int i = keep == null ? k : keep[k];
            double x = x0 + i * dx;
            if (Double.isFinite(y[i])) {
                if (gap) {
                    s.add(gapX, null, false);
                    gap = false;
                }
                s.add(x, y[i], false);
            } else if (!gap && s.getItemCount() > 0) {
                gap = true;
                gapX = x;
            }
        }
    }

    /**
     * Indices, ascending, of y's first and last value and, in each of about `buckets` equal buckets, of its
     * lowest and highest finite value and its first non-finite one (so that gaps survive).
     */
    static int[] envelope(double[] y, int buckets) {
        int n = y.length;
        int[] out = new int[3 * buckets + 8];
        int k = 0;
        out[k++] = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = -1;
            int hi = -1;
            int hole = -1;
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(y[i])) {
                    hole = hole < 0 ? i : hole;
                } else {
                    lo = lo < 0 || y[i] < y[lo] ? i : lo;
                    hi = hi < 0 || y[i] > y[hi] ? i : hi;
                }
            }
            int[] picks = {lo, hi, hole};
            java.util.Arrays.sort(picks);
            for (int i : picks) {
                if (i >= 0 && i != out[k - 1]) {
                    out[k++] = i;
                }
            }
        }
        if (out[k - 1] != n - 1) {
            out[k++] = n - 1;
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** Number of non-null y values of s. */
    static int points(XYSeries s) {
        int k = 0;
        for (int i = 0; i < s.getItemCount(); i++) {
            if (s.getY(i) != null) {
                k++;
            }
        }
        return k;
    }

    /** Unique series keys: a label repeated in one dataset gets " (2)", " (3)", .... */
    static String key(Set<String> taken, String label) {
        String k = label;
        for (int i = 2; !taken.add(k); i++) {
            k = label + " (" + i + ")";
        }
        return k;
    }

    static Set<String> keys() {
        return new HashSet<>();
    }

    /** A renderer of lines without markers, one colour per series, with hover text. */
    static XYLineAndShapeRenderer lines(Stroke stroke, String tooltip) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setAutoPopulateSeriesStroke(false);
        r.setDefaultStroke(stroke);
        r.setLegendLine(SlideStyle.legendLine());
        // one path per series: a dash pattern runs along the curve instead of restarting at every point
        r.setDrawSeriesLineAsPath(true);
        if (tooltip != null) {
            r.setDefaultToolTipGenerator(new TemplateToolTips(tooltip,
                    new java.text.DecimalFormat("0.###"), new java.text.DecimalFormat("0.###")));
        }
        return r;
    }

    /** The value range of every finite y in the collections, padded by 5 %, at least {@link #MIN_LOG_SPAN} wide. */
    static Range paddedRange(List<XYSeriesCollection> data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeriesCollection c : data) {
            for (int s = 0; s < c.getSeriesCount(); s++) {
                XYSeries ser = c.getSeries(s);
                for (int i = 0; i < ser.getItemCount(); i++) {
                    Number y = ser.getY(i);
                    if (y != null && Double.isFinite(y.doubleValue())) {
                        lo = Math.min(lo, y.doubleValue());
                        hi = Math.max(hi, y.doubleValue());
                    }
                }
            }
        }
        if (lo > hi) {
            return new Range(-1, 1);
        }
        double span = hi - lo;
        if (span < MIN_LOG_SPAN) {
            double mid = 0.5 * (hi + lo);
            return new Range(mid - 0.5 * MIN_LOG_SPAN, mid + 0.5 * MIN_LOG_SPAN);
        }
        return new Range(lo - 0.05 * span, hi + 0.05 * span);
    }

    /** A legend entry drawn as a line in the given colour and stroke. */
    static LegendItem lineItem(String label, Paint paint, Stroke stroke) {
        LegendItem item = new LegendItem(label, null, null, null, SlideStyle.legendLine(), stroke, paint);
        item.setLabelFont(SlideStyle.LEGEND);
        item.setLabelPaint(SlideStyle.INK);
        return item;
    }

    /** A legend entry drawn as a marker. */
    static LegendItem markerItem(String label, Paint paint, Shape shape) {
        LegendItem item = new LegendItem(label, null, null, null, shape, paint);
        item.setLabelFont(SlideStyle.LEGEND);
        item.setLabelPaint(SlideStyle.INK);
        return item;
    }

    /** A legend entry of text alone (a note on what is not drawn). */
    static LegendItem noteItem(String text) {
        LegendItem item = new LegendItem(text, null, null, null, new java.awt.geom.Rectangle2D.Double(), SlideStyle.INK);
        item.setShapeVisible(false);
        item.setLabelFont(SlideStyle.LEGEND);
        item.setLabelPaint(SlideStyle.REFERENCE);
        return item;
    }

    /** A grey legend entry for a line style that every run shares. */
    static LegendItem styleItem(String label, Stroke stroke) {
        return lineItem(label, SlideStyle.REFERENCE, stroke);
    }

    /**
     * {@link #styleItem} with a marker on its line, for points joined by lines (one λᵢ per index): apart from a
     * reference line of the same stroke, which has none.
     */
    static LegendItem styleItemWithMarker(String label, Stroke stroke) {
        double r = 5;
        LegendItem item = new LegendItem(label, null, null, null, true, new java.awt.geom.Ellipse2D.Double(-r, -r, 2 * r,
                2 * r), true, SlideStyle.REFERENCE, false, SlideStyle.REFERENCE, stroke, true, SlideStyle.legendLine(),
                stroke, SlideStyle.REFERENCE);
        item.setLabelFont(SlideStyle.LEGEND);
        item.setLabelPaint(SlideStyle.INK);
        return item;
    }

    /**
     * "T = 200 · n = 64 · gaussian init, gain 1 · W scale 1": the settings all runs share, so that a slide
     * says what it shows. A setting that differs between runs is left out (the legend's labels name it).
     */
    static String subtitle(List<RunResult> runs) {
        return subtitle(runs, true);
    }

    /** As {@link #subtitle(List)}, without the layers and directions when architecture is false. */
    static String subtitle(List<RunResult> runs, boolean architecture) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, runs, s -> "T = " + s.steps());
        append(sb, runs, s -> "n = " + s.hiddenSize());
        if (architecture) {
            append(sb, runs, Plots::architecture);
        }
        // a network whose weights are all given (imported, trained) has no init or gain to speak of
        append(sb, runs, s -> s.weightsGiven() ? "explicit weights" : s.init().id() + " init, gain " + number(s.gain()));
        append(sb, runs, s -> "W scale " + number(s.scale()));
        return sb.toString();
    }

    /** "2 layers", "3 layers, bidirectional", "bidirectional"; empty for one layer in one direction. */
    static String architecture(RunSpec s) {
        String layers = s.layers() > 1 ? s.layers() + " layers" : "";
        return s.bidirectional() ? (layers.isEmpty() ? "bidirectional" : layers + ", bidirectional") : layers;
    }

    private static void append(StringBuilder sb, List<RunResult> runs, Function<RunSpec, String> f) {
        String first = f.apply(runs.get(0).spec());
        for (RunResult r : runs) {
            if (!f.apply(r.spec()).equals(first)) {
                return;
            }
        }
        if (first.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            // no-break spaces: SVG collapses runs of ordinary ones
            sb.append("\u00a0\u00a0\u00a0·\u00a0\u00a0\u00a0");
        }
        sb.append(first);
    }

    /** A number for a label: "1", "0.25", "1.5", "3e-05". */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** A chart with the slide look and the legend the plot gives. */
    static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, List<RunResult> runs) {
        return chart(title, plot, runs, new LegendItemCollection());
    }

    /**
     * A chart with the slide look: the plot's legend (the runs) and below it, on a row of its own, the legend of
     * the line styles that every run shares (dashed: input sensitivity, ...).
     */
    static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, List<RunResult> runs,
                            LegendItemCollection styles) {
        JFreeChart chart = new SlideChart(title, SlideStyle.TITLE, plot, true);
        SlideStyle.style(chart, subtitle(runs));
        if (styles.getItemCount() > 0) {
            LegendTitle legend = new LegendTitle(() -> styles);
            SlideStyle.style(legend);
            legend.setMargin(new RectangleInsets(4, 0, 0, 0));
            // titles at one edge are laid out in list order from the edge inwards: this row goes below the runs'
            chart.addSubtitle(0, legend);
        }
        return chart;
    }

    static Color color(int run) {
        return SlideStyle.color(run);
    }

    /** The colour of runs.get(i): its own for layers of a stack ({@link LayerViews.Selection}), else run i's. */
    static Color color(List<RunResult> runs, int i) {
        return runs instanceof LayerViews.Selection s ? s.colour(i) : color(i);
    }

    /** 10^log10 for a label: "0.0172", "1.69×10³", "10⁻⁶¹²" (beyond 30 decades the mantissa says nothing). */
    static String power(double log10) {
        if (log10 == Double.NEGATIVE_INFINITY) {
            return "0";
        }
        if (Math.abs(log10) < 3) {
            return number(Math.pow(10, log10));
        }
        if (Math.abs(log10) > 30) {
            return "10" + superscript((int) Math.round(log10));
        }
        int e = (int) Math.floor(log10);
        return String.format(Locale.ROOT, "%.3g×10%s", Math.pow(10, log10 - e), superscript(e));
    }

    private static String superscript(int e) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(e).toCharArray()) {
            sb.append(c == '-' ? '⁻' : digits.charAt(c - '0'));
        }
        return sb.toString();
    }
}
