package org.vanish.lecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.vanish.engine.Cell;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Initializer;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;
import org.vanish.engine.Seeds;
import org.vanish.engine.Stack;
import org.vanish.engine.StackFlow;
import org.vanish.engine.Trajectory;

/**
 * A stacked (multi-layer), optionally bidirectional recurrent network made of the engine's cells, and the gradient
 * of the engine's loss with respect to every layer's state and to the inputs (seed 001, "Multi-layer RNNs" and
 * "Bidirectional RNNs").
 * <p>
 * <b>Stacking.</b> Layer 1 reads x_t; layer ℓ &gt; 1 reads h^{ℓ−1}_t, the hidden part of the state below (seed 001:
 * "the hidden states from RNN layer i are the inputs to RNN layer i+1").
 * <p>
 * <b>Skip connections.</b> Seed 001 says only that "skip-connections/dense-connections are needed to train deeper
 * RNNs (e.g. 8 layers)", without fixing a form. Chosen here: Graves 2013 ("Generating sequences with recurrent
 * neural networks", section 2), where every hidden layer ℓ &gt; 1 reads the input besides the layer below,
 * h^ℓ_t = H(W_{ih^ℓ} x_t + W_{h^{ℓ−1}h^ℓ} h^{ℓ−1}_t + W_{h^ℓh^ℓ} h^ℓ_{t−1} + b^ℓ), which he motivates by fewer
 * processing steps between the bottom of the network and the top. That is layer ℓ reading the concatenation
 * [h^{ℓ−1}_t; x_t] through input matrices [U_h U_x]. It is the form whose effect on ∂L/∂x_t is direct (x_t reaches
 * layer ℓ through one input matrix instead of ℓ), and it needs no equal widths, unlike a residual h^ℓ + h^{ℓ−1}.
 * (Graves's skip connections from every layer to the output are left out: the loss is the engine's, on the top
 * layer.) The entries of [U_h U_x] are distributed as the engine draws an input matrix of w + m columns (w the width
 * of what the layer reads from below), variance 1/(w + m) (PyTorch's scheme: U(−1/√n, 1/√n) whatever the columns):
 * U_h is the draw without skip connections scaled by √(w/(w + m)), so it points the same way, and U_x has a seed of
 * its own. Keeping the drive's variance so matters: with U_h unscaled the extra drive saturates the upper layers' units.
 * <p>
 * What skip connections do and do not do, measured here: they shorten the depth of the path from x_t to the loss, not
 * its T − t steps back in time. ‖∂L/∂x_T‖, which has no time to cross, rises with them in tanh, LSTM and GRU stacks;
 * ‖∂L/∂x_1‖ often falls (16 tanh units, 8 inputs of unit variance, 4 layers, T = 40, W scale 0.6, seeds 1–4: by 0.8
 * to 4 decades, to about 10^−12), because the upper layers, now also driven by x_t, decay faster along time, and the
 * T − 1 steps dominate: at initialisation crossing a layer costs such a stack only 0.1–0.3 decades.
 * <p>
 * <b>Bidirectional.</b> Every layer has a forward and a backward direction with separate weights (seed 001:
 * "generally, these two RNNs have separate weights"), one reading from position 1 to T and one from T to 1, and the
 * layer above reads both: layer ℓ &gt; 1 reads [h→^{ℓ−1}_t; h←^{ℓ−1}_t], the concatenation seed 001 calls "the hidden
 * state" that "we pass on to the next parts of the network". This is the deep bidirectional network of Graves,
 * Mohamed &amp; Hinton 2013 and PyTorch's {@code nn.RNN/LSTM/GRU(bidirectional=True, num_layers=L)}, the engine's own
 * wiring ({@link Stack#pytorch}), so a bidirectional model's own layers can be shown here. ∂L/∂x_t still splits
 * exactly into the part that arrives through the forward direction's units and the part through the backward
 * direction's (only they read x_t). The readout reads [h→_T; h←_1], the top layer's last state in each direction:
 * the sentence encoding of a bidirectional encoder.
 * <p>
 * <b>Loss.</b> The engine's (see {@link org.vanish.engine.GradientFlow}): L = v·h^L_T with the run's readout v, and
 * for the bidirectional network L = v_b·[h→^L_T; h←^L_1]: the run's own v_b (length 2n) if the run is itself
 * bidirectional, else v_b = [v; v]/√2, a unit vector that weighs both directions alike.
 * <p>
 * <b>Weights.</b> Layer 1 forward is the run itself (its effective parameters, initial state and readout), so a
 * one-layer network gives exactly the engine's gradients. A run that is itself stacked (a trained or imported model)
 * also gives its own layers 2, 3, ..., and a bidirectional run its backward directions, when it is wired as the
 * network shown ({@link #ownLayers}: no skip connections, and bidirectional exactly when the network is): then, with
 * the run's number of layers, this is the run's own network and its gradients the engine's. Every other layer and
 * direction is drawn by {@link Initializer} like the run (cell, φ, n, init, gain, biases, chrono, and the W scale on
 * its recurrent matrices) from a seed derived from the run's seed and its place ("forward layer 2", "backward layer 1",
 * ...); explicit parameters of the run apply to its own layers only. Every layer starts from the run's initial state.
 * <p>
 * <b>Gradients.</b> The engine's: the network is an {@link org.vanish.engine.Stack} of its layers and directions and
 * {@link org.vanish.engine.StackFlow} backpropagates it. From the top layer down: in layer ℓ,
 * g_t = ∂L/∂s^ℓ_t = J_{t+1}ᵀ g_{t+1} + e_t, where e_t is what the layer above sends down at step t (the h^ℓ_t part of
 * its input gradients, U^{ℓ+1}ᵀ δ^{ℓ+1}_t of each of its directions) and, in the top layer, the readout at the last
 * step. Every vector is carried as log10 of its norm and a unit direction, as in GradientFlow, so long sequences
 * never underflow.
 */
public final class Stacked {
    public static final int MAX_LAYERS = 8;
    /** The largest hidden size: drawing an orthogonal W costs O(n³) per layer and direction. */
    public static final int MAX_HIDDEN = 512;
    /** The most hidden units over time the network may hold in memory: directions · layers · T · n. */
    public static final long MAX_UNITS = 2_000_000;
    /**
     * The most multiply-adds per gate of one pass, directions · layers · T · n · (n + m): about 3 s of one core for
     * an LSTM on this project's machine, the network and its twin that differs in the skip connections together.
     */
    public static final double MAX_WORK = 5e7;
    /**
     * The most weights per gate the view draws for one network, directions · (n(n + m) + (L − 1)·n(w + m)) with w = n
     * or 2n: drawing them (and arranging them for the kernels) takes about 75–100 ns a weight, so an 8-layer
     * bidirectional network of 512 units and its twin took 6.9 s before any gradient (measured); at this bound an
     * LSTM's two take about 3 s at most, and a cancel is heard between layers.
     */
    public static final double MAX_DRAWN = 4e6;

    private final List<Cell> forward;
    private final List<Cell> backward;
    private final boolean skip;
    private final double[] inputs;
    private final int steps;
    private final int m;
    private final int n;
    private final double[] initialState;
    private final double[] readout;

    /**
     * A network of the given cells.
     * @param forward   layers 1..L of the forward direction; layer 1 reads m inputs, layer ℓ &gt; 1 reads w (w + m with
     *                  skip), w = n, or 2n for a bidirectional network
     * @param backward  layers 1..L of the backward direction, reading as the forward ones, or empty for a
     *                  unidirectional network
     * @param inputs    x_1..x_T, T×m row-major. Not modified.
     * @param initialState s_0 of every layer. Not modified.
     * @param readout   v, length n, or 2n for [h→_T; h←_1]. Not modified.
     */
    public Stacked(List<Cell> forward, List<Cell> backward, boolean skip, double[] inputs, int steps,
                   double[] initialState, double[] readout) {
        this.forward = List.copyOf(forward);
        this.backward = List.copyOf(backward);
        this.skip = skip;
        this.inputs = inputs;
        this.steps = steps;
        this.m = forward.get(0).inputSize();
        this.n = forward.get(0).hiddenSize();
        this.initialState = initialState;
        this.readout = readout;
        if (!this.backward.isEmpty() && this.backward.size() != this.forward.size()) {
            throw new IllegalArgumentException("the backward direction has " + backward.size() + " layers, the forward "
                    + forward.size());
        }
        int below = this.backward.isEmpty() ? n : 2 * n;
        for (List<Cell> stack : List.of(this.forward, this.backward)) {
            for (int l = 0; l < stack.size(); l++) {
                int want = l == 0 ? m : skip ? below + m : below;
                if (stack.get(l).inputSize() != want || stack.get(l).hiddenSize() != n) {
                    throw new IllegalArgumentException("layer " + (l + 1) + " reads " + stack.get(l).inputSize()
                            + " inputs with " + stack.get(l).hiddenSize() + " units; expected " + want + " and " + n);
                }
            }
        }
        if (inputs.length != steps * m || readout.length != (this.backward.isEmpty() ? n : 2 * n)) {
            throw new IllegalArgumentException("inputs or readout do not match T = " + steps + ", m = " + m
                    + ", n = " + n);
        }
    }

    /**
     * The stack built on an analysed run (see the class comment for the weights).
     * @throws IllegalArgumentException from {@link #checkSize}
     */
    public static Stacked of(RunResult run, int layers, boolean skip, boolean bidirectional) {
        return of(run, layers, skip, bidirectional, () -> false);
    }

    /**
     * {@link #of(RunResult, int, boolean, boolean)}, polling cancelled before each layer and direction it draws.
     * @throws CancellationException once cancelled answers true
     */
    public static Stacked of(RunResult run, int layers, boolean skip, boolean bidirectional,
                             BooleanSupplier cancelled) {
        RunSpec spec = run.spec();
        checkSize(layers, spec.steps(), spec.hiddenSize(), spec.inputSize(), bidirectional);
        int own = ownLayers(spec, layers, skip, bidirectional);
        boolean ownBackward = spec.bidirectional() && bidirectional;
        List<Cell> fwd = new ArrayList<>();
        List<Cell> bwd = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            // the run's own layer l in direction d (0 forward, 1 backward) is its layers' entry (l − 1)·directions + d
            check(cancelled);
            fwd.add(l == 1 ? Cell.create(spec, run.parameters()) : l <= own
                    ? Cell.create(spec, run.layers().get((l - 1) * spec.directions()).parameters())
                    : drawn(spec, "forward", l, skip, bidirectional));
            if (bidirectional) {
                check(cancelled);
                bwd.add(ownBackward && l <= own ? Cell.create(spec, run.layers().get(2 * l - 1).parameters())
                        : drawn(spec, "backward", l, skip, true));
            }
        }
        int n = spec.hiddenSize();
        double[] v;
        if (!bidirectional) {
            // the run's own readout, of its forward direction if the run is itself bidirectional (length 2n)
            v = Arrays.copyOf(spec.readout(), n);
        } else if (spec.bidirectional()) {
            v = spec.readout().clone();
        } else {
            v = new double[2 * n];
            for (int i = 0; i < n; i++) {
                v[i] = spec.readout()[i] / Math.sqrt(2);
                v[n + i] = v[i];
            }
        }
        return new Stacked(fwd, bwd, skip, spec.inputs(), spec.steps(), spec.initialState(), v);
    }

    /**
     * How many of the network's layers are the run's own: its layers, up to the network's, when it is wired as the
     * network (no skip connections are added, and it is bidirectional exactly when the network is; then its layer ℓ
     * reads what layer ℓ reads here); else its first. A bidirectional run lends its backward directions with its
     * forward ones when the network is bidirectional too.
     */
    public static int ownLayers(RunSpec spec, int layers, boolean skip, boolean bidirectional) {
        return skip || spec.bidirectional() != bidirectional ? 1 : Math.min(layers, spec.layers());
    }

    /**
     * Refuses a network too large to hold or to compute while a lecture waits.
     * @throws IllegalArgumentException one line naming the sizes and what to lower
     */
    public static void checkSize(int layers, int steps, int hiddenSize, int inputSize, boolean bidirectional) {
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new IllegalArgumentException("demo.layers: " + layers + " is out of range; allowed 1 to "
                    + MAX_LAYERS);
        }
        if (hiddenSize > MAX_HIDDEN) {
            throw new IllegalArgumentException("hiddenSize: " + hiddenSize + " is too large for the stacked view;"
                    + " allowed at most " + MAX_HIDDEN);
        }
        int directions = bidirectional ? 2 : 1;
        String sizes = String.format(Locale.ROOT, "%s%d layers × %d steps × %d units", bidirectional
                ? "2 directions × " : "", layers, steps, hiddenSize);
        long units = (long) directions * layers * steps * hiddenSize;
        if (units > MAX_UNITS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "steps, hiddenSize, demo.layers: %s = %d"
                    + " states exceed the stacked view's %d: lower steps, hiddenSize or layers", sizes, units,
                    MAX_UNITS));
        }
        double work = (double) units * (hiddenSize + inputSize);
        if (work > MAX_WORK) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "steps, hiddenSize, demo.layers: %s ×"
                    + " (%d units + %d inputs) = %.2g multiply-adds per gate exceed the stacked view's %.0g: lower"
                    + " steps, hiddenSize or layers", sizes, hiddenSize, inputSize, work, MAX_WORK));
        }
        // with skip connections, as the twin network has them either way
        double n = hiddenSize;
        double drawn = directions * (n * (n + inputSize) + (layers - 1) * n * (directions * n + inputSize));
        if (drawn > MAX_DRAWN) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "hiddenSize, demo.layers: %s%d layers of %d"
                    + " units hold %.2g weights per gate, more than the stacked view draws (%.0g): lower hiddenSize or"
                    + " layers", bidirectional ? "2 directions × " : "", layers, hiddenSize, drawn, MAX_DRAWN));
        }
    }

    /**
     * Layer `layer` of one direction, drawn like the run from a seed of its own (see the class comment); above layer 1
     * it reads the layer below, both directions of it in a bidirectional network.
     */
    private static Cell drawn(RunSpec spec, String direction, int layer, boolean skip, boolean bidirectional) {
        String place = direction + " layer " + layer;
        int below = bidirectional ? 2 * spec.hiddenSize() : spec.hiddenSize();
        RunSpec own = like(spec, place, layer == 1 ? spec.inputSize() : below);
        Map<String, DMatrixRMaj> params = Initializer.draw(own);
        if (skip && layer > 1) {
            RunSpec fromInput = like(spec, place + " skip", spec.inputSize());
            // entries distributed as the engine draws an input matrix of below + m columns: variance 1/(below + m),
            // or PyTorch's U(-1/√n, 1/√n) whatever the columns
            boolean fanIn = spec.init() != InitScheme.PYTORCH;
            int m = spec.inputSize();
            for (String u : spec.cell().inputNames()) {
                DMatrixRMaj uh = params.get(u).copy();
                DMatrixRMaj ux = Initializer.input(fromInput, u);
                if (fanIn) {
                    CommonOps_DDRM.scale(Math.sqrt((double) below / (below + m)), uh);
                    CommonOps_DDRM.scale(Math.sqrt((double) m / (below + m)), ux);
                }
                params.put(u, CommonOps_DDRM.concatColumns(uh, ux, null));
            }
        }
        return Cell.create(spec, Initializer.scaled(spec.cell(), params, spec.scale()));
    }

    /** spec's settings with a seed derived from its own and place, m inputs and no explicit parameters. */
    private static RunSpec like(RunSpec spec, String place, int m) {
        long seed = Seeds.forPurpose(spec.seed(), "stacked " + place).nextLong();
        return new RunSpec(spec.label() + " " + place, spec.cell(), spec.activation(), spec.hiddenSize(), m,
                spec.steps(), seed, spec.init(), spec.gain(), spec.scale(), spec.biases(), spec.chrono(),
                spec.chronoMaxSteps(), Map.of(), spec.inputs(), spec.initialState(), spec.readout(), 1, false,
                spec.gruVariant(), List.of());
    }

    /**
     * Runs the network forward and backpropagates L.
     * @param cancelled polled before the forward and before the backward pass
     * @throws CancellationException once cancelled answers true
     * @throws org.vanish.engine.RunFailure if a state leaves the double range
     */
    public Gradients gradients(BooleanSupplier cancelled) {
        int layers = forward.size();
        boolean bi = !backward.isEmpty();
        int dirs = bi ? 2 : 1;
        // the engine's wiring: layer ℓ > 1 reads every direction of layer ℓ − 1, forward first, then x with skip
        List<Cell> cells = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            cells.add(forward.get(l));
            if (bi) {
                cells.add(backward.get(l));
            }
        }
        Stack stack = Stack.pytorch(cells, layers, bi, skip, initialState, steps, m);
        check(cancelled);
        Trajectory[] tr = stack.forward(inputs, null);
        check(cancelled);
        StackFlow.Result r = StackFlow.backpropagateByDirection(stack, tr, readout);
        double[][] fState = new double[layers][steps];
        double[][] bState = bi ? new double[layers][steps] : null;
        for (int l = 0; l < layers; l++) {
            double[] f = r.units[l * dirs].gradNorm;
            double[] b = bi ? r.units[l * dirs + 1].gradNorm : null;
            for (int t = 1; t <= steps; t++) {
                // the state after reading x_t: processing step t forward, T + 1 − t backward
                fState[l][t - 1] = f[t];
                if (bi) {
                    bState[l][t - 1] = b[steps + 1 - t];
                }
            }
        }
        double[][] parts = r.inputGradNormByDirection;
        return new Gradients(fState, bState, parts[0], bi ? parts[1] : null);
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("stacked network cancelled");
        }
    }

    /**
     * The gradients of a stack, by layer ℓ = 1..L and input position t = 1..T, all log10 (-∞ for an exact zero).
     * @param forwardState  log10 ‖∂L/∂s^ℓ_t‖ in the forward direction at [ℓ−1][t−1] (s = [h; c] for the LSTM)
     * @param backwardState the same in the backward direction, by input position t; null unless bidirectional
     * @param forwardInput  log10 ‖∂L/∂x_t‖ of the part arriving through the forward direction, at [t−1]
     * @param backwardInput the part arriving through the backward direction; null unless bidirectional
     */
    public record Gradients(double[][] forwardState, double[][] backwardState, double[] forwardInput,
                            double[] backwardInput) {
        public int layers() {
            return forwardState.length;
        }

        public int steps() {
            return forwardInput.length;
        }

        public boolean bidirectional() {
            return backwardState != null;
        }

        /**
         * log10 ‖∂L/∂s^ℓ_t‖ of "the hidden state" of layer ℓ at position t: for a bidirectional network the
         * concatenation [s→; s←] that seed 001 calls the hidden state, so the norm of both parts together.
         */
        public double state(int layer, int t) {
            double f = forwardState[layer - 1][t - 1];
            return backwardState == null ? f : logHypot(f, backwardState[layer - 1][t - 1]);
        }
    }

    /** log10 √(10^{2a} + 10^{2b}). */
    static double logHypot(double a, double b) {
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        if (lo == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return hi + 0.5 * Math.log10(1.0 + Math.pow(10, 2 * (lo - hi)));
    }
}
