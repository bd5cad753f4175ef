package org.vanish.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.CellType;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;
import org.vanish.lecture.UnrolledChain;

/**
 * Demonstration 1, the unrolled network (seed 000's unrolled RNN after Graves 2012; seed 001's chain rule for
 * ∂J⁽⁴⁾/∂h⁽¹⁾): the nodes h_0 … h_T in a row, the inputs x_t below them and the loss J = v·h_T at the end,
 * each hidden node shaded by log10 ‖∂J/∂h_t‖ (or, with {@code shade} = 1, each input by log10 ‖∂J/∂x_t‖).
 * The selected node h_t, t = T − ℓ, is ringed and its chain to J drawn in colour; the explanation expands
 * ∂J/∂h_t into its T − t step Jacobians with their spectral norms, their product (the bound) and the actual
 * gradient norm ({@link UnrolledChain}).
 * <p>
 * The selection is a lag ℓ rather than a time t, so that its default (3: seed 001's ∂J⁽⁴⁾/∂h⁽¹⁾) means the
 * same at every T and a click maps to a node without knowing T. At most {@value #MAX_NODES} nodes are drawn:
 * for longer runs the last {@value #TAIL} (h_{T−37} … h_T), a gap marker, and the selected node left of the
 * gap when it is earlier. Data x of a node is −ℓ (0 at h_T); the gap is at {@value #GAP_X}, a far selected node
 * at {@value #FAR_X}.
 */
public final class UnrolledDemonstration extends BaseDemonstration {
    static final int MAX_NODES = 40;
    static final int TAIL = 38;
    static final double GAP_X = -39;
    static final double FAR_X = -41;
    /** Chains at most this long get their step norms written on the edges; longer ones have no room. */
    static final int LABELLED_EDGES = 20;
    private static final double H_ROW = 1;
    private static final double X_ROW = 0.3;
    /** How far above the chain an edge's norm is written: clear of the node circles' tops. */
    private static final double EDGE_LABEL_LIFT = 0.13;
    private static final double J_X = 1.2;
    private static final Color CHAIN = SlideStyle.color(1);
    private static final Color EDGE = new Color(0xB0B0B0);
    private static final Color UNSHADED = Color.WHITE;
    static final String SOURCE = "Pascanu, Mikolov & Bengio 2013 (the chain rule for ∂J⁽⁴⁾/∂h⁽¹⁾);"
            + " Graves 2012 (the unrolled RNN; UW LING 575, Downey 2023)";

    private static final List<Parameter> PARAMETERS = List.of(
            DemoText.runParameter(),
            Parameter.whole("lag", "Selected node: lag ℓ = T − t", 0, 1_000_000, 3,
                    "the node h_t, t = T − ℓ, whose gradient is expanded by the chain rule (beyond T: h_0)"),
            Parameter.flag("shade", "Shade inputs by ‖∂J/∂xₜ‖", false,
                    "off: shade the hidden nodes by log10 ‖∂J/∂h_t‖; on: shade the inputs by log10 ‖∂J/∂x_t‖"));

    public UnrolledDemonstration() {
        super("unrolled", "1 · The unrolled network and the chain rule", SOURCE, PARAMETERS, true);
    }

    /** A click selects the node nearest x; a click on J, on the gap or on a far node keeps the selection. */
    @Override
    public Map<String, Double> click(double x, double y, Map<String, Double> settings) {
        if (x > 0.5 || x < GAP_X - 0.5) {
            return settings;
        }
        Map<String, Double> out = new java.util.LinkedHashMap<>(settings);
        out.put("lag", (double) Math.max(0, Math.round(-x)));
        return out;
    }

    /** The time steps drawn and their data x, in drawing order. */
    record Layout(List<Integer> times, List<Double> xs, boolean gap, int hiddenBetween) {
    }

    /** Which nodes are drawn for T steps with node t selected (see the class comment). */
    static Layout layout(int steps, int t) {
        List<Integer> times = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        if (steps + 1 <= MAX_NODES) {
            for (int s = 0; s <= steps; s++) {
                times.add(s);
                xs.add((double) (s - steps));
            }
            return new Layout(times, xs, false, 0);
        }
        int first = steps - TAIL + 1;
        int hidden = first;
        if (t < first) {
            times.add(t);
            xs.add(FAR_X);
            hidden = first - t - 1;
        }
        for (int s = first; s <= steps; s++) {
            times.add(s);
            xs.add((double) (s - steps));
        }
        return new Layout(times, xs, hidden > 0, hidden);
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        RunResult r = DemoText.pick(input.runs(), settings.get("run"));
        int steps = r.spec().steps();
        long lag = settings.get("lag").longValue();
        int t = (int) Math.max(0, steps - lag);
        boolean inputs = settings.get("shade") == 1;
        UnrolledChain chain = UnrolledChain.of(r, t, cancelled);
        Layout lay = layout(steps, t);
        String s = r.spec().cell() == CellType.LSTM ? "s" : "h";

        double[] stateGrad = UnrolledChain.chainLayer(r).series().gradNorm;
        double[] shaded = inputs ? r.series().inputGradNorm : stateGrad;
        double[] range = shadeRange(lay, shaded, inputs);
        ColourMap colours = ColourMap.viridis(range[0], range[1]);
        XYPlot plot = diagram(r, chain, lay, colours, inputs, s);
        // the gap marker and a far selected node's input label are wider than a node: more room left of them
        boolean wideLeft = lay.gap() || lay.xs().get(0) == FAR_X;
        double left = Math.min(lay.xs().get(0), lay.gap() ? GAP_X : 0) - (wideLeft ? 1.2 : 0.8);
        // the loss's diamond has a fixed size in pixels: with 40 nodes on the Lecture tab's chart 0.8 steps of room
        // cut it in half, so the room right of it grows with the number of nodes drawn
        plot.getDomainAxis().setRange(left, J_X + Math.max(0.8, lay.times().size() / 20.0));

        String title = "The unrolled network: ∂J/∂" + s + DemoText.sub(t) + " = ∂J/∂" + s + DemoText.sub(steps)
                + chainFactors(s, steps, t);
        // a plain XYPlot (the colour bar is a title): a click maps to data x through its domain axis
        JFreeChart chart = new SlideChart(title, SlideStyle.TITLE, plot, false);
        SlideStyle.style(chart, r.spec().label() + "   ·   " + Plots.subtitle(List.of(r)));
        TextTitle result = new TextTitle("‖∂J/∂" + s + DemoText.sub(steps) + "‖ · Π ‖∂" + s + "ₖ/∂" + s
                + "ₖ₋₁‖₂ = " + DemoText.power(chain.boundLog10()) + "   ≥   ‖∂J/∂" + s + DemoText.sub(t) + "‖₂ = "
                + DemoText.power(chain.actualLog10()), SlideStyle.LEGEND);
        result.setPaint(SlideStyle.INK);
        result.setPosition(RectangleEdge.BOTTOM);
        result.setMargin(10, 0, 0, 0);
        chart.addSubtitle(result);
        chart.addSubtitle(legend(s, hasZero(lay, shaded, inputs), lay));
        chart.addSubtitle(ColourBarPlot.legend(colours, inputs ? "log10 ‖∂J/∂xₜ‖₂" : "log10 ‖∂J/∂" + s + "ₜ‖₂"));
        return shown(chart, explanation(r, chain, lag, s));
    }

    /** " · ∂h₁₂/∂h₁₁ ⋯ ∂h₂/∂h₁": the factors of the chain, the middle elided beyond two. */
    private static String chainFactors(String s, int steps, int t) {
        StringBuilder b = new StringBuilder();
        int factors = steps - t;
        for (int k = steps; k > t; k--) {
            // the first factor and the last, beyond two: three factors with three-digit subscripts (T = 200,
            // the default lag 3) did not fit the Lecture tab's chart and the title was cut short
            boolean elide = factors > 2 && k == steps - 1;
            if (elide) {
                k = t + 1;
            }
            b.append(elide ? " ⋯ ∂" : " · ∂").append(s).append(DemoText.sub(k)).append("/∂").append(s)
                    .append(DemoText.sub(k - 1));
        }
        return b.toString();
    }

    /** The colour range of the shaded values of the drawn nodes: finite min to max, at least a decade. */
    private static double[] shadeRange(Layout lay, double[] values, boolean inputs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int time : lay.times()) {
            double v = inputs ? (time >= 1 ? values[time - 1] : Double.NaN) : values[time];
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return new double[] {-1, 0};
        }
        if (hi - lo < Plots.MIN_LOG_SPAN) {
            double mid = 0.5 * (lo + hi);
            return new double[] {mid - 0.5 * Plots.MIN_LOG_SPAN, mid + 0.5 * Plots.MIN_LOG_SPAN};
        }
        return new double[] {lo, hi};
    }

    private static XYPlot diagram(RunResult r, UnrolledChain chain, Layout lay, ColourMap colours, boolean inputs,
                                  String s) {
        int steps = r.spec().steps();
        int t = chain.node();
        double[] stateGrad = UnrolledChain.chainLayer(r).series().gradNorm;
        int count = lay.times().size();
        double diameter = Math.max(14, Math.min(46, 0.55 * 1300.0 / count));
        boolean labelAll = count <= LABELLED_EDGES;
        List<FittedLabel> edgeNorms = new ArrayList<>();   // drawn all or none

        XYSeries hidden = new XYSeries("h", false, true);
        XYSeries in = new XYSeries("x", false, true);
        XYSeries loss = new XYSeries("J", false, true);
        XYSeries ring = new XYSeries("selected", false, true);
        List<Paint> hiddenFill = new ArrayList<>();
        List<Paint> inputFill = new ArrayList<>();
        NodeRenderer renderer = new NodeRenderer(List.of(hiddenFill, inputFill, List.of(new Color(0xEEEEEE)),
                List.of(new Color(0, 0, 0, 0))));
        double selectedX = 0;
        for (int i = 0; i < count; i++) {
            int time = lay.times().get(i);
            double x = lay.xs().get(i);
            hidden.add(x, H_ROW);
            hiddenFill.add(inputs ? UNSHADED : colours.getPaint(stateGrad[time]));
            if (time == t) {
                selectedX = x;
                ring.add(x, H_ROW);
            }
            boolean label = labelAll || time == steps || time == t
                    || time % 5 == 0 && Math.abs(time - t) > 2 && steps - time > 2;
            if (label) {
                renderer.addAnnotation(text(s + DemoText.sub(time), x, H_ROW + 0.3, TextAnchor.BOTTOM_CENTER));
            }
            if (time >= 1) {
                in.add(x, X_ROW);
                inputFill.add(inputs ? colours.getPaint(r.series().inputGradNorm[time - 1]) : UNSHADED);
                renderer.addAnnotation(line(x, X_ROW, x, H_ROW, EDGE, 2f), Layer.BACKGROUND);
                if (label) {
                    renderer.addAnnotation(text("x" + DemoText.sub(time), x, X_ROW - 0.25, TextAnchor.TOP_CENTER));
                }
            }
            if (i > 0) {
                double px = lay.xs().get(i - 1);
                int prev = lay.times().get(i - 1);
                boolean onChain = prev >= t;
                boolean acrossGap = time != prev + 1;
                renderer.addAnnotation(line(px, H_ROW, x, H_ROW, onChain ? CHAIN : EDGE, onChain ? 4f : 2f),
                        Layer.BACKGROUND);
                if (onChain && !acrossGap && labelAll) {
                    String norm = DemoText.value(Math.pow(10, chain.stepNormLog10At(time)));
                    // over the edge, above the node circles, so it may take most of the space between their centres
                    // (a 1280-pixel projector has room for "0.93" there, not between the circles); drawn only where
                    // the chart is wide enough for every one of them (one number on one edge reads as a slip)
                    FittedLabel edgeNorm = new FittedLabel(norm, 0.5 * (px + x), H_ROW + EDGE_LABEL_LIFT,
                            0.85 * (x - px), edgeNorms);
                    style(edgeNorm, TextAnchor.BOTTOM_CENTER);
                    renderer.addAnnotation(edgeNorm);
                }
            }
        }
        loss.add(J_X, H_ROW);
        renderer.addAnnotation(line(0, H_ROW, J_X, H_ROW, CHAIN, 4f), Layer.BACKGROUND);
        // inside the loss's diamond: above it, in the row of the h labels, it ran into h_T's on a small chart
        // (the Lecture tab's, with 40 nodes drawn)
        renderer.addAnnotation(text("J", J_X, H_ROW, TextAnchor.CENTER));
        if (lay.gap()) {
            // the marker alone: how many steps it stands for is in the legend, as "163 steps" under it was wider
            // than the room left of the first drawn node and ran off the plot
            XYTextAnnotation gap = text("⋯", GAP_X, H_ROW + 0.12, TextAnchor.BOTTOM_CENTER);
            gap.setFont(SlideStyle.TITLE);
            renderer.addAnnotation(gap);
        }
        // arrowheads on the chain's edges into each node and into J
        for (int i = 1; i < count; i++) {
            if (lay.times().get(i - 1) >= t) {
                renderer.addAnnotation(arrowHead(lay.xs().get(i), diameter / 2));
            }
        }
        renderer.addAnnotation(arrowHead(J_X, 14));

        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(hidden);
        data.addSeries(in);
        data.addSeries(loss);
        data.addSeries(ring);
        double d = diameter;
        renderer.setSeriesShape(0, new Ellipse2D.Double(-d / 2, -d / 2, d, d));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-d / 3, -d / 3, 2 * d / 3, 2 * d / 3));
        renderer.setSeriesShape(2, ShapeUtils.createDiamond(16f));
        double ringD = d + 14;
        renderer.setSeriesShape(3, new Ellipse2D.Double(-ringD / 2, -ringD / 2, ringD, ringD));
        renderer.setSeriesOutlinePaint(3, CHAIN);
        renderer.setSeriesOutlineStroke(3, new BasicStroke(5f));

        NumberAxis x = new NumberAxis();
        x.setVisible(false);
        NumberAxis y = new NumberAxis();
        y.setVisible(false);
        y.setRange(X_ROW - 0.55, H_ROW + 0.6);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        SlideStyle.style(plot);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        return plot;
    }

    private static XYTextAnnotation text(String s, double x, double y, TextAnchor anchor) {
        return style(new XYTextAnnotation(s, x, y), anchor);
    }

    private static XYTextAnnotation style(XYTextAnnotation a, TextAnchor anchor) {
        a.setFont(SlideStyle.ANNOTATION);
        a.setPaint(SlideStyle.INK);
        a.setTextAnchor(anchor);
        return a;
    }

    private static XYLineAnnotation line(double x0, double y0, double x1, double y1, Color c, float width) {
        return new XYLineAnnotation(x0, y0, x1, y1, new BasicStroke(width), c);
    }

    /** An arrowhead pointing right at the left edge of the node at x (radius in pixels). */
    private static XYPointerAnnotation arrowHead(double x, double radius) {
        XYPointerAnnotation a = new XYPointerAnnotation("", x, H_ROW, Math.PI);
        a.setTipRadius(radius + 2);
        a.setBaseRadius(radius + 3);
        a.setArrowLength(14);
        a.setArrowWidth(6);
        a.setArrowPaint(CHAIN);
        a.setArrowStroke(new BasicStroke(2f));
        return a;
    }

    private static LegendTitle legend(String s, boolean zero, Layout lay) {
        LegendItemCollection items = new LegendItemCollection();
        items.add(Plots.lineItem("chain from " + s + "ₜ to J, ‖∂" + s + "ₖ/∂" + s + "ₖ₋₁‖₂ on its edges", CHAIN,
                new BasicStroke(4f)));
        if (lay.gap()) {
            int last = lay.times().get(lay.times().size() - TAIL) - 1;
            int from = last - lay.hiddenBetween() + 1;
            items.add(Plots.markerItem(lay.hiddenBetween() + " steps not drawn: " + s + DemoText.sub(from) + " … "
                    + s + DemoText.sub(last), SlideStyle.INK, ellipsis()));
        }
        if (zero) {
            items.add(Plots.markerItem("exact zero (log10 = −∞)", ColourMap.MISSING, new Ellipse2D.Double(-9, -9, 18, 18)));
        }
        LegendTitle legend = new LegendTitle(() -> items);
        SlideStyle.style(legend);
        return legend;
    }

    /** Three dots in a row, the gap marker's shape in the legend. */
    private static java.awt.Shape ellipsis() {
        java.awt.geom.Path2D dots = new java.awt.geom.Path2D.Double();
        for (int i = -1; i <= 1; i++) {
            dots.append(new Ellipse2D.Double(7 * i - 2, -2, 4, 4), false);
        }
        return dots;
    }

    private static boolean hasZero(Layout lay, double[] values, boolean inputs) {
        for (int time : lay.times()) {
            if ((!inputs || time >= 1) && values[inputs ? time - 1 : time] == Double.NEGATIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    /** Five short lines: the node, the step norms, the bound, the actual norm and how loose the bound is. */
    private static String explanation(RunResult r, UnrolledChain chain, long lag, String s) {
        int steps = r.spec().steps();
        int t = chain.node();
        StringBuilder b = new StringBuilder();
        if (r.spec().layers() > 1 || r.spec().bidirectional()) {
            // the chain is exact only for the layer J reads: say which, and what the x row is then
            b.append("\"").append(r.spec().label()).append("\" has ").append(Plots.architecture(r.spec()))
                    .append(": the nodes are its top layer").append(r.spec().layers() > 1 ? " (layer "
                    + r.spec().layers() + ")" : "").append(r.spec().bidirectional() ? ", forward" : "")
                    .append(", the one J reads; the x row stands for what it reads, the model's inputs through the"
                    + " layers below.\n");
        }
        b.append("Run \"").append(r.spec().label()).append("\": node t = ").append(t).append(" of T = ").append(steps)
                .append(lag > steps ? " (lag beyond T)" : "").append(", ").append(steps - t).append(" step Jacobian")
                .append(steps - t == 1 ? "" : "s").append(s.equals("s") ? " of the LSTM's s = [h; c]" : "")
                .append(".\n");
        if (chain.length() > 0) {
            b.append("‖∂").append(s).append("ₖ/∂").append(s).append("ₖ₋₁‖₂, k = ").append(steps).append(" … ")
                    .append(t + 1).append(": ").append(norms(chain, steps)).append(".\n");
        }
        b.append("Bound ‖∂J/∂").append(s).append(DemoText.sub(steps)).append("‖·Π‖∂").append(s).append("ₖ/∂")
                .append(s).append("ₖ₋₁‖₂ = ").append(DemoText.powerAndValue(chain.boundLog10())).append(" ≥\n");
        b.append("actual ‖∂J/∂").append(s).append(DemoText.sub(t)).append("‖₂ = ")
                .append(DemoText.powerAndValue(chain.actualLog10())).append(".\n");
        if (Double.isFinite(chain.boundLog10()) && Double.isFinite(chain.actualLog10())) {
            b.append("The bound is ").append(DemoText.decimals(chain.boundLog10() - chain.actualLog10()))
                    .append(" decades loose.\n");
        }
        return b.toString();
    }

    /** The step norms from k = T down: all of them up to 8, else the first four, "…" and the last two. */
    private static String norms(UnrolledChain chain, int steps) {
        List<String> out = new ArrayList<>();
        int n = chain.length();
        for (int i = 0; i < n; i++) {
            if (n > 8 && i == 4) {
                out.add("…");
                i = n - 2;
            }
            out.add(DemoText.value(Math.pow(10, chain.stepNormLog10At(steps - i))));
        }
        return String.join(", ", out);
    }

    /** Shapes with a fill colour per item (the node shading) and an outline per series. */
    private static final class NodeRenderer extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;
        private final List<List<Paint>> fills;

        NodeRenderer(List<List<Paint>> fills) {
            super(false, true);
            this.fills = fills;
            setUseFillPaint(true);
            setDrawOutlines(true);
            setUseOutlinePaint(true);
            setDefaultOutlinePaint(SlideStyle.INK);
            setDefaultOutlineStroke(new BasicStroke(2f));
        }

        @Override
        public Paint getItemFillPaint(int series, int item) {
            List<Paint> f = fills.get(series);
            return f.get(Math.min(item, f.size() - 1));
        }
    }
}
