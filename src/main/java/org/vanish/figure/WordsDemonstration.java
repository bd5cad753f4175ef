package org.vanish.figure;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;

/**
 * Demonstration 3, long-distance dependencies (seed 000's "The keys … are"; seed 001's "The writer of the books
 * is", after Linzen et al. 2016; seed 004's "The keys to the cabinet by the door on the left are"): the words of
 * the preset's text are the inputs x_1..x_T, and the sensitivity of the final output J = v·h_T to each word,
 * log10 ‖∂J/∂x_t‖₂ (the engine's input gradient), is drawn over the sentence with the words as the axis,
 * one line per compared run. The subject (the {@code subject}-th word, "keys", "writer") is highlighted; the
 * explanation says how many decades its influence lies below the last word's, per run.
 */
public final class WordsDemonstration extends BaseDemonstration {
    /** The room above the curves for the subject band's label, as a share of the value axis. */
    static final double LABEL_ROOM = 0.12;
    static final String NEEDS_TEXT = "the words view needs a text input: choose Inputs → text";
    static final String SOURCE = "Linzen, Dupoux & Goldberg 2016 (number agreement, \"The writer of the"
            + " books is\"); USC CSCI 467, Jia 2023 (\"The keys to the cabinet by the door on the left are\")";
    private static final Color HIGHLIGHT = new Color(0xE69F00);

    private static final List<Parameter> PARAMETERS = List.of(Parameter.whole("subject", "Subject: word number", 1,
            1_000_000, 2, "the word whose influence on the last output is compared (2: \"keys\" after \"The\")"));

    public WordsDemonstration() {
        super("words", "3 · Long-distance dependencies: which words reach the output", SOURCE, PARAMETERS, true);
    }

    /** A click selects the word nearest x as the subject. */
    @Override
    public Map<String, Double> click(double x, double y, Map<String, Double> settings) {
        Map<String, Double> out = new java.util.LinkedHashMap<>(settings);
        out.put("subject", (double) Math.max(1, Math.round(x)));
        return out;
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        List<String> words = input.words();
        if (words.isEmpty()) {
            throw new IllegalArgumentException(NEEDS_TEXT);
        }
        if (input.runs().isEmpty()) {
            throw new IllegalArgumentException("the words view needs at least one run in the preset");
        }
        int subject = settings.get("subject").intValue();
        if (subject > words.size()) {
            throw new IllegalArgumentException("demo.subject: word " + subject + " but the sentence has "
                    + words.size() + " words; allowed 1 to " + words.size());
        }
        // upright where the words fit side by side, upwards where not, as on the gradient-norm and heatmap views
        SymbolAxis x = new LayerGrid.WordAxis("word xₜ of the sentence", axisWords(words),
                words.size() > LayerGrid.UPRIGHT_WORDS);
        SlideStyle.style(x);
        x.setGridBandsVisible(false);
        x.setRange(new Range(0.5, words.size() + 0.5), true, false);
        NumberAxis y = SlideStyle.axis("log10 ‖∂J/∂xₜ‖₂");
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        SlideStyle.style(plot);

        XYSeriesCollection data = new XYSeriesCollection();
        java.util.Set<String> keys = Plots.keys();
        LegendItemCollection legend = new LegendItemCollection();
        XYLineAndShapeRenderer renderer = Plots.lines(SlideStyle.solid(), "{0}: word {1}, log10 ‖∂J/∂xₜ‖ = {2}");
        renderer.setDefaultShapesVisible(true);
        for (int i = 0; i < input.runs().size(); i++) {
            RunResult r = input.runs().get(i);
            XYSeries s = Plots.series(Plots.key(keys, r.spec().label()));
            Plots.addFinite(s, r.series().inputGradNorm, 1, 1);
            data.addSeries(s);
            renderer.setSeriesPaint(i, Plots.color(i));
            renderer.setSeriesShape(i, SlideStyle.marker(i));
            legend.add(Plots.lineItem(s.getKey().toString(), Plots.color(i), SlideStyle.solid()));
        }
        plot.setDataset(data);
        plot.setRenderer(renderer);
        // a strip above the highest point for the subject's label, which would otherwise sit on a curve that peaks there
        Range fitted = Plots.paddedRange(List.of(data));
        y.setRange(new Range(fitted.getLowerBound(), fitted.getUpperBound() + LABEL_ROOM * fitted.getLength()), true,
                false);
        plot.setFixedLegendItems(legend);

        IntervalMarker band = new IntervalMarker(subject - 0.4, subject + 0.4, new Color(HIGHLIGHT.getRed(),
                HIGHLIGHT.getGreen(), HIGHLIGHT.getBlue(), 70));
        band.setLabel("subject: " + words.get(subject - 1));
        band.setLabelFont(SlideStyle.LEGEND);
        band.setLabelPaint(SlideStyle.INK);
        band.setLabelAnchor(RectangleAnchor.TOP);
        band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
        band.setLabelBackgroundColor(new Color(0, 0, 0, 0));
        plot.addDomainMarker(band, Layer.BACKGROUND);

        // the sentence is on the axis; the title names the dependency, so it fits on one line at any length
        JFreeChart chart = Plots.chart("Which words reach the output: from \"" + words.get(subject - 1) + "\" to \""
                + words.get(words.size() - 1) + "\"", plot, input.runs());
        return shown(chart, explanation(input.runs(), words, subject));
    }

    /** The tick labels at x = 1..T: the words as the tokenizer gives them (lower case). */
    private static String[] axisWords(List<String> words) {
        String[] out = new String[words.size() + 1];
        out[0] = "";
        for (int t = 1; t <= words.size(); t++) {
            out[t] = words.get(t - 1);
        }
        return out;
    }

    /** log10 ‖∂J/∂x_subject‖ − log10 ‖∂J/∂x_T‖ of a run: negative when the subject's influence is smaller. */
    static double decadesBelowLast(RunResult r, int subject) {
        double[] g = r.series().inputGradNorm;
        return g[subject - 1] - g[g.length - 1];
    }

    /** One line per run: how many decades the subject's reach lies below (or above) the last word's. */
    private static String explanation(List<RunResult> runs, List<String> words, int subject) {
        StringBuilder b = new StringBuilder();
        b.append("Reach of the subject \"").append(words.get(subject - 1)).append("\" (word ").append(subject)
                .append(") against the last word \"").append(words.get(words.size() - 1)).append("\":\n");
        for (RunResult r : runs) {
            double d = decadesBelowLast(r, subject);
            b.append("  ").append(r.spec().label()).append(": ");
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                b.append("‖∂J/∂x‖ is exactly 0 for one of the two words\n");
            } else {
                b.append(DemoText.decimals(Math.abs(d))).append(d <= 0 ? " decades below\n" : " decades above\n");
            }
        }
        b.append("This gradient is what would teach the agreement: where it vanishes, the model cannot tell a real"
                + " long-distance dependency from none (UW LING 575, Downey 2023).\n");
        return b.toString();
    }
}
