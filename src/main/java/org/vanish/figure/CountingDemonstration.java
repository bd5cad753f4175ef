package org.vanish.figure;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.lecture.Counting;
import org.vanish.lecture.Parameter;

/**
 * Demonstration 5, counting: one hand-set LSTM unit and one GRU unit read aⁿbⁿ ({@link Counting}). Two panels over
 * one time axis: the LSTM's cell state c rises by one per a and falls by one per b (Weiss et al.'s Figure 1a), the
 * GRU's h runs into ±1 and stays there (their Figure 1c). The a/b boundary is a dashed line; where a cell first
 * breaks the counting criterion for the shown n, a cross and a label say how.
 */
public final class CountingDemonstration extends BaseDemonstration {
    static final Color LSTM = SlideStyle.color(0);
    static final Color GRU = SlideStyle.color(1);

    private static final List<Parameter> PARAMETERS = List.of(
            Parameter.whole("n", "n shown", 1, 1000, 100, "the string aⁿbⁿ whose states are drawn"),
            Parameter.whole("nMax", "largest n tried", 1, 1000, 1000, "each cell is tried on aⁿbⁿ for n = 1 to this"),
            Parameter.real("gateBias", "gate bias β", 1, 40, 20,
                    "the LSTM's b_f = b_i = b_o and both candidates' input weight: larger saturates the gates more"),
            Parameter.real("gruUpdateBias", "GRU update bias b_u", -10, 10, -2,
                    "u = σ(b_u): the share of the GRU's state each symbol rewrites"),
            new Parameter("resolution", "resolution δ", 0.001, 1, 0.1, false, true,
                    "each symbol must move the state by more than δ, and aⁿbⁿ must end within δ/2 of the start"));

    /** The last complete result: the counts (O(nMax²) steps) do not depend on the n shown. */
    private volatile Counting.Result last;

    public CountingDemonstration() {
        super("counting", "5 · Counting: LSTM against GRU", "Weiss, Goldberg & Yahav 2018, Figure 1; UW LING 575 (Steinert-Threlkeld 2022; Downey 2023)",
                PARAMETERS, false);
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        int n = (int) Math.round(settings.get("n"));
        int nMax = (int) Math.round(settings.get("nMax"));
        double beta = settings.get("gateBias");
        double bu = settings.get("gruUpdateBias");
        double delta = settings.get("resolution");
        Counting.Result r = last;
        if (r != null && r.nMax() == nMax && r.gateBias() == beta && r.gruUpdateBias() == bu
                && r.resolution() == delta) {
            r = r.withShown(n);
        } else {
            r = Counting.run(n, nMax, beta, bu, delta, cancelled);
            if (!cancelled.getAsBoolean()) {
                last = r;
            }
        }
        return shown(chart(r), explanation(r));
    }

    private static JFreeChart chart(Counting.Result r) {
        int n = r.shown();
        NumberAxis time = SlideStyle.axis("time step t  (a's for t ≤ n, then b's)");
        // a little room right of t = 2n for a cross at the very end
        time.setRange(new Range(0, 2 * n * 1.015 + 0.1), true, false);
        time.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(time);
        panels.setGap(18);
        panels.add(panel(r.lstm(), "LSTM c", LSTM, n, r.nMax(), r.resolution()));
        XYPlot gru = panel(r.gru(), "GRU h", GRU, n, r.nMax(), r.resolution());
        gru.getRangeAxis().setRange(-1.15, 1.15);
        for (double bound : new double[] {-1, 1}) {
            gru.addRangeMarker(new ValueMarker(bound, SlideStyle.REFERENCE, SlideStyle.dotted()));
        }
        panels.add(gru);
        JFreeChart chart = new SlideChart("Counting aⁿbⁿ: the LSTM's cell counts, the GRU's state saturates",
                SlideStyle.TITLE, panels, false);
        SlideStyle.style(chart, String.format(Locale.ROOT,
                "one unit each, input one-hot a/b   ·   n = %d   ·   gate bias β = %s   ·   GRU update bias %s"
                        + "   ·   resolution δ = %s", n, Plots.number(r.gateBias()), Plots.number(r.gruUpdateBias()),
                Plots.number(r.resolution())));
        LegendItemCollection items = new LegendItemCollection();
        items.add(Plots.lineItem("LSTM c", LSTM, SlideStyle.solid()));
        items.add(Plots.lineItem("GRU h", GRU, SlideStyle.solid()));
        items.add(Plots.lineItem("end of the a's (t = n)", SlideStyle.REFERENCE, SlideStyle.dashed()));
        items.add(Plots.markerItem("first break of the counting criterion", SlideStyle.INK,
                ShapeUtils.createDiagonalCross(7, 2)));
        LegendTitle legend = new LegendTitle(() -> items);
        SlideStyle.style(legend);
        chart.addSubtitle(legend);
        return chart;
    }

    /** One cell's states for the shown n, the a/b boundary and, if any, the first break of the criterion. */
    private static XYPlot panel(Counting.Counter c, String label, Color colour, int n, int nMax, double resolution) {
        NumberAxis y = SlideStyle.axis(label);
        XYPlot p = new XYPlot();
        p.setRangeAxis(y);
        SlideStyle.style(p);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries states = Plots.series(label);
        double[] s = c.shown();
        for (int t = 0; t < s.length; t++) {
            states.add(t, s[t], false);
        }
        data.addSeries(states);
        XYLineAndShapeRenderer r = Plots.lines(SlideStyle.solid(), "{0}: t = {1}, state = {2}");
        r.setSeriesPaint(0, colour);
        Counting.Failure f = c.shownFailure();
        if (f != null) {
            XYSeries fail = Plots.series("break");
            fail.add(f.step(), s[f.step()]);
            data.addSeries(fail);
            r.setSeriesPaint(1, SlideStyle.INK);
            r.setSeriesShape(1, ShapeUtils.createDiagonalCross(9, 2.5f));
            r.setSeriesShapesVisible(1, true);
            r.setSeriesLinesVisible(1, false);
            // the label goes toward the middle of the panel: right of a break among the a's, left among the b's,
            // above a point in the lower half, below one in the upper half
            double lo = Arrays.stream(s).min().orElse(0);
            double hi = Arrays.stream(s).max().orElse(1);
            boolean above = s[f.step()] - lo < 0.5 * (hi - lo);
            boolean right = f.step() < n;
            XYPointerAnnotation a = new XYPointerAnnotation(describe(f, resolution), f.step(), s[f.step()],
                    (above ? -1 : 1) * (right ? Math.PI / 4 : 3 * Math.PI / 4));
            a.setFont(SlideStyle.ANNOTATION);
            a.setPaint(SlideStyle.INK);
            a.setArrowPaint(SlideStyle.INK);
            a.setBackgroundPaint(new Color(255, 255, 255, 220));
            a.setBaseRadius(60);
            a.setTipRadius(10);
            a.setTextAnchor(above ? (right ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT)
                    : (right ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT));
            p.addAnnotation(a);
        }
        p.setDataset(data);
        p.setRenderer(r);
        ValueMarker boundary = new ValueMarker(n, SlideStyle.REFERENCE, SlideStyle.dashed());
        // the dashed line runs between the two words
        boundary.setLabel("aⁿ    bⁿ");
        boundary.setLabelFont(SlideStyle.ANNOTATION);
        boundary.setLabelPaint(SlideStyle.REFERENCE);
        boundary.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        boundary.setLabelAnchor(RectangleAnchor.BOTTOM);
        boundary.setLabelTextAnchor(TextAnchor.BOTTOM_CENTER);
        p.addDomainMarker(boundary);
        TextTitle verdict = new TextTitle(c.cell().name() + ": " + counts(c, nMax), SlideStyle.LEGEND);
        verdict.setPaint(colour);
        verdict.setBackgroundPaint(Color.WHITE);
        verdict.setPadding(4, 8, 4, 8);
        // top right: after the b's the LSTM is back near 0 and the GRU near −1
        p.addAnnotation(new XYTitleAnnotation(0.99, 0.97, verdict, RectangleAnchor.TOP_RIGHT));
        return p;
    }

    /** "t = 4: an a raises it by only 0.0625 ≤ δ", for the plot and the explanation. */
    static String describe(Counting.Failure f, double resolution) {
        switch (f.fault()) {
            case RISE:
                return String.format(Locale.ROOT, "t = %d: an a raises it by only %s ≤ δ", f.step(),
                        Plots.number(f.value()));
            case FALL:
                return String.format(Locale.ROOT, "t = %d: a b lowers it by only %s ≤ δ", f.step(),
                        Plots.number(f.value()));
            default:
                return String.format(Locale.ROOT, "t = %d: aⁿbⁿ ends %s %s the start (δ/2 = %s)", f.step(),
                        Plots.number(Math.abs(f.value())), f.value() < 0 ? "below" : "above",
                        Plots.number(resolution / 2));
        }
    }

    /** The setting, each cell's step and verdict, and the criterion. */
    private static String explanation(Counting.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "aⁿbⁿ for n = 1 to %d, one unit per cell, gate bias β = %s.%n",
                r.nMax(), Plots.number(r.gateBias())));
        Counting.Counter l = r.lstm();
        String forget = l.keep() == 1 ? "f = 1 exactly (σ(β) rounds to 1)"
                : "f = 1 − " + Plots.power(Math.log10(1 - l.keep()));
        sb.append(String.format(Locale.ROOT, "LSTM: %s, c moves by ≈ %s per symbol, unsquashed; %s.%n", forget,
                Plots.number(l.write()), failure(l, r)));
        Counting.Counter g = r.gru();
        sb.append(String.format(Locale.ROOT, "GRU: u = %s, h moves toward ±%s inside (−1, 1); %s.%n",
                Plots.number(1 - g.keep()), Plots.number(g.write() / (1 - g.keep())), failure(g, r)));
        sb.append(String.format(Locale.ROOT, "Counting: each a raises, each b lowers the state by more than δ = %s;"
                + " aⁿbⁿ ends within δ/2 of the start.%n", Plots.number(r.resolution())));
        sb.append(String.format(Locale.ROOT, "Inside (−1, 1) a state rises by δ at most %s times.%n",
                Plots.number(Math.floor(1 / r.resolution()))));
        return sb.toString();
    }

    /** "counts every n ≤ 1000", "counts up to n = 33" or "counts no n". */
    static String counts(Counting.Counter c, int nMax) {
        if (c.firstFailure() == null) {
            return "counts every n ≤ " + nMax;
        }
        return c.countsTo() == 0 ? "counts no n, not even ab" : "counts up to n = " + c.countsTo();
    }

    /** "it counts every n ≤ 1000" or "it counts up to n = 33; at n = 34, t = 68: ...". */
    private static String failure(Counting.Counter c, Counting.Result r) {
        String counts = "it " + counts(c, r.nMax());
        Counting.Failure f = c.firstFailure();
        return f == null ? counts : counts + String.format(Locale.ROOT, "; at n = %d, %s", f.n(),
                describe(f, r.resolution()));
    }
}
