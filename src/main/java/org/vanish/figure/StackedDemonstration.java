package org.vanish.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vanish.engine.RunFailure;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;
import org.vanish.lecture.Parameter;
import org.vanish.lecture.Stacked;

/**
 * Demonstration 7 (seed 001, multi-layer and bidirectional RNNs): the preset's first run stacked into L layers
 * ({@link Stacked}), optionally with skip connections from the input to every layer and a backward direction in every
 * layer, the layer above reading both (PyTorch's wiring).
 * <p>
 * The top panel is log10 ‖∂L/∂s^ℓ_t‖ over layer ℓ (rows, layer 1 at the bottom as in the seed's diagrams) and
 * position t (columns), painted as an image like {@link HeatmapFigure}; for a bidirectional network s^ℓ_t is the
 * concatenated [s→; s←] that seed 001 calls the hidden state. When bidirectional, a second panel draws
 * log10 ‖∂L/∂x_t‖ of the part that arrives through the forward direction and through the backward one, so the class
 * sees which direction reaches which words: with one layer the backward direction the early ones and the forward the
 * late; stacked, both reach every word about alike, since the layers above read both directions. A text input puts
 * its words on the axis.
 * <p>
 * The explanation compares the network with its twin that differs only in the skip connections, so the slide says
 * what they changed, in numbers.
 */
public final class StackedDemonstration extends BaseDemonstration {
    private static final String SOURCE = "Schuster & Paliwal 1997 (bidirectional RNNs); Graves, Mohamed & Hinton 2013"
            + " (deep bidirectional layers); Graves 2013, \"Generating sequences with recurrent neural networks\""
            + " (stacked layers, skip connections from the input)";
    static final List<Parameter> PARAMETERS = List.of(
            Parameter.whole("layers", "layers", 1, Stacked.MAX_LAYERS, 3,
                    "How many recurrent layers are stacked; layer ℓ > 1 reads the hidden states of layer ℓ − 1."),
            Parameter.flag("skip", "skip connections", false,
                    "Every layer above the first also reads the input x_t (Graves 2013)."),
            Parameter.flag("bidirectional", "bidirectional", false,
                    "Every layer also reads the sequence backwards; the layer above reads both directions, and the"
                            + " readout sees both directions' last states."));

    public StackedDemonstration() {
        super("stacked", "7 · Stacked and bidirectional RNNs", SOURCE, PARAMETERS, true);
    }

    @Override
    public Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled) {
        if (input.runs().isEmpty()) {
            throw new IllegalArgumentException("the stacked view needs a run to stack; the preset has none");
        }
        RunResult run = input.runs().get(0);
        int layers = settings.get("layers").intValue();
        boolean skip = settings.get("skip") != 0;
        boolean bi = settings.get("bidirectional") != 0;
        Stacked.Gradients g;
        Stacked.Gradients twin = null;
        try {
            g = Stacked.of(run, layers, skip, bi, cancelled).gradients(cancelled);
            if (layers > 1) {
                twin = Stacked.of(run, layers, !skip, bi, cancelled).gradients(cancelled);
            }
        } catch (RunFailure e) {
            throw new IllegalArgumentException("the stacked network: " + e.getMessage(), e);
        }
        List<String> words = input.words().size() == run.spec().steps() ? input.words() : List.of();
        String own = ownLayers(run.spec(), Stacked.ownLayers(run.spec(), layers, skip, bi), layers, bi);
        return shown(chart(run, g, skip, words), (own.isEmpty() ? "" : own + "\n") + explanation(g, twin, skip, words));
    }

    /**
     * What this view keeps of a run that is itself stacked or bidirectional (an imported model, say): its own layers
     * 1..own ({@link Stacked#ownLayers}), both directions when it and the view are bidirectional, under and beside
     * drawn ones. Without this line "3 stacked LSTM layers" stood over the run's "2 layers · explicit weights" and read
     * as all the model's own. Empty for one layer, one direction.
     */
    static String ownLayers(RunSpec spec, int own, int layers, boolean bidirectional) {
        if (spec.layers() == 1 && !spec.bidirectional()) {
            return "";
        }
        String label = "\"" + spec.label() + "\"";
        boolean both = spec.bidirectional() && bidirectional;
        if (own == spec.layers() && own == layers && spec.bidirectional() == bidirectional) {
            return (own == 1 ? "This is " + label + "'s own layer" : "These are " + label + "'s own " + own
                    + " layers") + (both ? " in both directions" : "") + ", with its weights and readout: the network"
                    + " of the Gradient norm and Heatmap views.";
        }
        String kept = (own == 1 ? "only its layer 1" : "its layers 1 to " + own)
                + (both ? " in both directions" : spec.bidirectional() ? " forward" : "");
        // a reason only where the run has upper layers this view could have shown and does not
        boolean upper = own < Math.min(layers, spec.layers());
        String why = !upper ? "" : spec.bidirectional() && !bidirectional ? " (its upper layers read both directions"
                + " below)" : !spec.bidirectional() && bidirectional ? " (a bidirectional network's upper layers read"
                + " both directions below)" : " (with skip connections its upper layers would also read the input)";
        // nothing is drawn when the view has no layer above the run's and no direction the run lacks
        boolean drawn = own < layers || bidirectional && !both;
        String architecture = spec.layers() == 1 ? "one bidirectional layer" : Plots.architecture(spec);
        return label + " has " + architecture + " of its own; this view keeps " + kept + why
                + (drawn ? " and draws every other layer and direction" : "") + (own < layers ? ", so the rows above"
                + " layer " + own + " are not its own" : "") + ". Its own layers are on the Gradient norm and Heatmap"
                + " views.";
    }

    private static JFreeChart chart(RunResult run, Stacked.Gradients g, boolean skip, List<String> words) {
        int steps = g.steps();
        int layers = g.layers();
        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(LayerGrid.positionAxis(steps, words));
        panels.setGap(14);
        ColourBarPlot plot = new ColourBarPlot(panels);
        float[] values = new float[steps * layers];
        for (int t = 1; t <= steps; t++) {
            for (int l = 1; l <= layers; l++) {
                values[(t - 1) * layers + (l - 1)] = (float) g.state(l, t);
            }
        }
        CellGrid grid = LayerGrid.grid(values, steps, layers);
        panels.add(LayerGrid.panel(grid, layers), g.bidirectional() ? 3 : 1);
        plot.addBar(grid.colours(), LayerGrid.barLabel(g.bidirectional()), 0, 0);
        if (g.bidirectional()) {
            panels.add(inputPanel(g), 2);
        }
        // short enough for one line in the Lecture tab of a 1280-pixel screen; what is drawn says the colour bar
        String title = layers + " stacked " + cellName(run.spec()) + (layers == 1 ? " layer" : " layers")
                + (g.bidirectional() ? ", bidirectional" : "");
        JFreeChart chart = new SlideChart(title, SlideStyle.TITLE, plot, false);
        // the run's own layers are not drawn here (see ownLayers): its "2 layers, bidirectional" would contradict the title
        String subtitle = Plots.subtitle(List.of(run), false);
        SlideStyle.style(chart, skip && layers > 1 ? "skip connections from the input · " + subtitle : subtitle);
        if (g.bidirectional()) {
            LegendItemCollection items = new LegendItemCollection();
            items.add(Plots.lineItem("through the forward direction (reads left to right)", Plots.color(0),
                    SlideStyle.solid()));
            items.add(Plots.lineItem("through the backward direction (reads right to left)", Plots.color(1),
                    SlideStyle.dashed()));
            LegendTitle legend = new LegendTitle(() -> items);
            SlideStyle.style(legend);
            chart.addSubtitle(legend);
        }
        return chart;
    }

    private static XYPlot inputPanel(Stacked.Gradients g) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries f = Plots.series("forward");
        Plots.addFinite(f, g.forwardInput(), 1, 1);
        XYSeries b = Plots.series("backward");
        Plots.addFinite(b, g.backwardInput(), 1, 1);
        data.addSeries(f);
        data.addSeries(b);
        NumberAxis y = SlideStyle.axis("log10 ‖∂L/∂xₜ‖");
        y.setRange(Plots.paddedRange(List.of(data)), true, false);
        XYPlot p = new XYPlot(data, null, y, Plots.lines(SlideStyle.solid(), "{0}: t = {1}, log10 ‖∂L/∂xₜ‖ = {2}"));
        SlideStyle.style(p);
        p.getRenderer().setSeriesPaint(0, Plots.color(0));
        p.getRenderer().setSeriesPaint(1, Plots.color(1));
        p.getRenderer().setSeriesStroke(1, SlideStyle.dashed());
        p.setInsets(new RectangleInsets(0, 0, 0, 0));
        return p;
    }

    static String cellName(RunSpec spec) {
        return spec.cell().usesActivation() ? spec.activation().name().toLowerCase(Locale.ROOT) + " "
                + spec.cell().id().toUpperCase(Locale.ROOT) : spec.cell().id().toUpperCase(Locale.ROOT);
    }

    /**
     * A few short lines with the numbers: the gradient along time in the top layer, across layers at t = T and
     * t = 1, what the skip connections change (from the twin network), and for a bidirectional network which
     * direction reaches the first and the last position.
     */
    static String explanation(Stacked.Gradients g, Stacked.Gradients twin, boolean skip, List<String> words) {
        int steps = g.steps();
        int layers = g.layers();
        double[][] s = g.forwardState();
        double[] top = s[layers - 1];
        String forward = g.bidirectional() ? ", forward direction" : "";
        List<String> lines = new ArrayList<>();
        if (steps > 1) {
            // the forward direction's, which reads t = 1 first: the backward one's runs the other way
            lines.add(String.format(Locale.ROOT, "Top layer%s: ‖∂L/∂sₜ‖ from %s at t = T to %s at t = 1, %s decades"
                    + " per step.", forward, DemoText.power(top[steps - 1]), DemoText.power(top[0]),
                    signed((top[0] - top[steps - 1]) / (steps - 1))));
        }
        if (layers > 1) {
            lines.add(String.format(Locale.ROOT, "Down to layer 1%s: %s decades per layer at t = T, %s at t = 1.",
                    forward,
                    signed((s[0][steps - 1] - top[steps - 1]) / (layers - 1)), signed((s[0][0] - top[0]) / (layers - 1))));
            Stacked.Gradients with = skip ? g : twin;
            Stacked.Gradients without = skip ? twin : g;
            lines.add(String.format(Locale.ROOT, "Skip connections (%s%s): ‖∂L/∂x_T‖ is %s with them and %s without;"
                            + " ‖∂L/∂x₁‖ %s with, %s without.", skip ? "on" : "off", forward,
                    DemoText.power(with.forwardInput()[steps - 1]), DemoText.power(without.forwardInput()[steps - 1]),
                    DemoText.power(with.forwardInput()[0]), DemoText.power(without.forwardInput()[0])));
        }
        if (g.bidirectional()) {
            double[] f = g.forwardInput();
            double[] b = g.backwardInput();
            lines.add(String.format(Locale.ROOT, "Bidirectional: at %s the backward direction delivers %s, the forward %s;"
                            + " at %s the forward delivers %s, the backward %s.%s", position(1, words), DemoText.power(b[0]),
                    DemoText.power(f[0]), position(steps, words), DemoText.power(f[steps - 1]), DemoText.power(b[steps - 1]), crossover(f, b, words)));
        }
        return String.join("\n", lines);
    }

    /** Where the forward direction first delivers more than the backward one, as a sentence. */
    private static String crossover(double[] f, double[] b, List<String> words) {
        for (int t = 1; t <= f.length; t++) {
            if (f[t - 1] > b[t - 1]) {
                return " The forward direction first delivers more at " + position(t, words) + ".";
            }
        }
        return " The backward direction delivers more at every position.";
    }

    private static String position(int t, List<String> words) {
        return words.isEmpty() ? "t = " + t : "\"" + words.get(t - 1) + "\" (t = " + t + ")";
    }

    private static String signed(double x) {
        return String.format(Locale.ROOT, "%+.2f", x);
    }
}
