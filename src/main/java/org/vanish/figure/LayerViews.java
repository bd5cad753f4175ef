package org.vanish.figure;

import java.awt.Color;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.GradientFlow;
import org.vanish.engine.LayerRun;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;

/**
 * The layers and directions of stacked and bidirectional runs as runs of their own, so that every view draws them
 * as it draws runs: each layer and direction becomes a {@link RunResult} whose series, trajectory, products, spectra
 * and parameters are that layer's ({@link RunResult#layers()}), labelled "lstm · layer 2 backward".
 * <p>
 * Time runs left to right for both directions. A backward direction's series come in its processing order (index
 * k = 0 its initial state, k = T its state after reading x_1, as the report writes them); a view puts them in
 * position order, index T − k: its state after reading x_t sits at t − 1, the boundary before x_t, as the forward
 * direction's state after reading x_t sits at t, the boundary after it. Both initial states are at the ends (0 and
 * T), nothing is dropped, and the Jacobian products, indexed by steps back along the direction's own recurrence,
 * stay as they are.
 */
public final class LayerViews {
    private LayerViews() {
    }

    /** Whether any run has more than one layer or direction. */
    public static boolean stacked(List<RunResult> runs) {
        return runs.stream().anyMatch(r -> r.layers().size() > 1);
    }

    /** Whether r is the view of a backward direction (made by {@link #select}). */
    public static boolean isBackward(RunResult r) {
        return r.layers().size() == 1 && r.layers().get(0).backward();
    }

    /**
     * The runs as choice draws them: unchanged when none is stacked; else every layer and direction of every run
     * (all layers), or that layer and direction of each run that has it. A one-layer run beside stacked ones counts
     * as layer 1 forward. The model input's ‖∂L/∂x_t‖ goes with the first view of each run only (it is one curve
     * per run, not per layer).
     */
    public static List<RunResult> select(List<RunResult> runs, LayerChoice choice) {
        if (!stacked(runs)) {
            return runs;
        }
        List<RunResult> out = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunResult run = runs.get(i);
            if (run.layers().size() == 1) {
                if (choice.all() || (choice.layer() == 1 && !choice.backward())) {
                    out.add(run);
                    colours.add(SlideStyle.color(i));
                }
                continue;
            }
            boolean first = true;
            for (int k = 0; k < run.layers().size(); k++) {
                LayerRun u = run.layers().get(k);
                if (choice.all() || choice.matches(u)) {
                    out.add(view(run, k, first));
                    colours.add(shade(SlideStyle.color(i), u.layer(), run.spec().layers()));
                    first = false;
                }
            }
        }
        return new Selection(out, colours);
    }

    /**
     * The views of {@link #select} with their colours: a run's colour (as in the dashboard's table of runs) for each
     * of its layers, its top layer at full strength and each layer below a little lighter, down to
     * {@value #LIGHTEST} of the way to white for layer 1; a backward direction is drawn dashed where curves are.
     */
    public static final class Selection extends AbstractList<RunResult> {
        private final List<RunResult> views;
        private final List<Color> colours;

        Selection(List<RunResult> views, List<Color> colours) {
            this.views = List.copyOf(views);
            this.colours = List.copyOf(colours);
        }

        @Override
        public RunResult get(int i) {
            return views.get(i);
        }

        @Override
        public int size() {
            return views.size();
        }

        /** The colour of view i. */
        public Color colour(int i) {
            return colours.get(i);
        }
    }

    /** How far towards white the bottom layer of a stack is drawn. */
    static final double LIGHTEST = 0.55;

    /** c for the top layer of layers, lighter towards white for the ones below (layer counted from 0). */
    static Color shade(Color c, int layer, int layers) {
        if (layers <= 1) {
            return c;
        }
        double w = LIGHTEST * (layers - 1 - layer) / (layers - 1);
        return new Color((int) Math.round(c.getRed() + w * (255 - c.getRed())),
                (int) Math.round(c.getGreen() + w * (255 - c.getGreen())),
                (int) Math.round(c.getBlue() + w * (255 - c.getBlue())));
    }

    /** The label of the run that r is, or is a layer of: "lstm" for "lstm · layer 2 backward". */
    public static String runLabel(RunResult r) {
        String label = r.spec().label();
        boolean view = r.layers().size() == 1 && r.spec().units() > 1;
        return view && label.contains(" · ") ? label.substring(0, label.lastIndexOf(" · ")) : label;
    }

    /**
     * Whether a and b are the forward and the backward direction of one layer of one run (views of {@link #select},
     * which puts them side by side), so that one legend entry can name both.
     */
    static boolean twins(RunResult a, RunResult b) {
        return a.layers().size() == 1 && b.layers().size() == 1 && !a.layers().get(0).backward() && isBackward(b)
                && a.layers().get(0).layer() == b.layers().get(0).layer() && runLabel(a).equals(runLabel(b));
    }

    /** "lstm · layer 2" for a view of either direction of layer 2 of lstm. */
    static String layerLabel(RunResult view) {
        return runLabel(view) + " · layer " + (view.layers().get(0).layer() + 1);
    }

    /** "lstm · layer 2", "lstm · layer 2 backward" (with the direction when the run is bidirectional). */
    public static String label(RunResult run, LayerRun unit) {
        return run.spec().label() + " · " + new LayerChoice(unit.layer() + 1, unit.backward())
                .label(run.spec().bidirectional());
    }

    /** Layer and direction k of run (in {@link RunResult#layers()} order) as a run of its own. */
    static RunResult view(RunResult run, int k, boolean withInput) {
        LayerRun u = run.layers().get(k);
        RunSpec s = run.spec();
        Map<String, DMatrixRMaj> explicit = s.stackParameters().isEmpty()
                ? (k == 0 ? s.explicitParameters() : Map.of()) : s.stackParameters().get(k);
        RunSpec spec = new RunSpec(label(run, u), s.cell(), s.activation(), s.hiddenSize(), s.inputSize(), s.steps(),
                s.seed(), s.init(), s.gain(), s.scale(), s.biases(), s.chrono(), s.chronoMaxSteps(), explicit,
                s.inputs(), s.initialState(), s.readout(), s.layers(), s.bidirectional(), s.gruVariant(),
                s.stackParameters());
        GradientFlow.Series own = u.series();
        double[] input = run.series().inputGradNorm;
        if (!withInput && input != null) {
            input = new double[input.length];
            Arrays.fill(input, Double.NaN);
        }
        GradientFlow.Series series = u.backward()
                ? new GradientFlow.Series(reversed(own.gradNorm), reversed(own.gradNormH), reversed(own.gradNormC),
                        input, reversedRows(own.unitGrad, s.hiddenSize()))
                : new GradientFlow.Series(own.gradNorm, own.gradNormH, own.gradNormC, input, own.unitGrad);
        LayerRun one = new LayerRun(u.layer(), u.backward(), u.parameters(), u.trajectory(), series, u.products(),
                u.spectra());
        return new RunResult(spec, u.parameters(), u.trajectory(), series, u.products(), u.spectra(), List.of(one));
    }

    /** a in reverse order (null stays null). */
    static double[] reversed(double[] a) {
        if (a == null) {
            return null;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[a.length - 1 - i];
        }
        return out;
    }

    /** The rows of n values of a row-major grid in reverse order (null stays null). */
    static float[] reversedRows(float[] a, int n) {
        if (a == null) {
            return null;
        }
        float[] out = new float[a.length];
        int rows = a.length / n;
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, (rows - 1 - i) * n, out, i * n, n);
        }
        return out;
    }

    /**
     * log10 ‖∂L/∂[s→_t; s←_t]‖ of layer l (0-based) at positions t = 1..T: the forward direction's state after
     * reading x_t and the backward one's after reading x_t, concatenated (as Schuster &amp; Paliwal 1997 define the
     * hidden state of a bidirectional layer); the forward state alone for a unidirectional run.
     */
    public static double[] positionNorms(RunResult run, int layer) {
        int steps = run.spec().steps();
        int dirs = run.spec().directions();
        double[] f = run.layers().get(layer * dirs).series().gradNorm;
        double[] b = dirs == 2 ? run.layers().get(layer * dirs + 1).series().gradNorm : null;
        double[] out = new double[steps];
        for (int t = 1; t <= steps; t++) {
            out[t - 1] = b == null ? f[t] : hypot(f[t], b[steps + 1 - t]);
        }
        return out;
    }

    /** log10 √(10^(2a) + 10^(2b)) without leaving log space; −∞ stands for an exact zero. */
    static double hypot(double a, double b) {
        double m = Math.max(a, b);
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        return m + 0.5 * Math.log10(Math.pow(10, 2 * (a - m)) + Math.pow(10, 2 * (b - m)));
    }
}
