package org.vanish.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.vanish.engine.Activation;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Cell;
import org.vanish.engine.CellType;
import org.vanish.engine.DenseKernels;
import org.vanish.engine.GruVariant;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Initializer;
import org.vanish.engine.Inputs;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;
import org.vanish.engine.Trajectory;

/**
 * The stacked network's gradients against central finite differences of an independent forward pass, a linear
 * stack whose norms are binomial sums, the engine's own one-layer gradients, and the effect of skip connections.
 */
class StackedTest {
    private static final double H = 1e-6;
    /** Relative tolerance of a central difference with step 1e-6 on O(1) quantities. */
    private static final double REL_TOL = 1e-6;
    private static final double ABS_TOL = 1e-8;
    /** log10 agreement of two computations of the same numbers in a different order. */
    private static final double LOG_TOL = 1e-10;
    private static final Map<String, Double> BIASES = Map.of("b_f", 0.7, "b_i", -0.3, "b_o", 0.2, "b_u", -0.4,
            "b_r", 0.5, "b", 0.1);

    static Stream<Object[]> networks() {
        List<Object[]> out = new ArrayList<>();
        for (CellType c : CellType.values()) {
            for (boolean skip : new boolean[] {false, true}) {
                for (boolean bi : new boolean[] {false, true}) {
                    out.add(new Object[] {c, skip, bi});
                }
            }
        }
        return out.stream();
    }

    /** A run spec with gaussian inputs and a random initial state, everything seeded. */
    private static RunSpec spec(CellType c, int n, int m, int steps, long seed, double scale) {
        Random rnd = new Random(seed);
        double[] x = new double[steps * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] s0 = new double[c.stateSize(n)];
        for (int i = 0; i < s0.length; i++) {
            s0[i] = 0.5 * rnd.nextGaussian();
        }
        return new RunSpec("test", c, Activation.TANH, n, m, steps, seed, InitScheme.GAUSSIAN, 1.0, scale, BIASES,
                false, steps, Map.of(), x, s0, Inputs.readout(n, seed));
    }

    /**
     * L layers of cells drawn for spec's cell, layer ℓ &gt; 1 reading w (or w + m) inputs, w = n, or 2n for one
     * direction of a bidirectional network.
     */
    private static List<Cell> stack(RunSpec spec, int layers, boolean skip, boolean bi, long seed) {
        List<Cell> cells = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            int below = bi ? 2 * spec.hiddenSize() : spec.hiddenSize();
            int in = l == 0 ? spec.inputSize() : below + (skip ? spec.inputSize() : 0);
            RunSpec s = new RunSpec("layer", spec.cell(), spec.activation(), spec.hiddenSize(), in, spec.steps(),
                    seed + 31 * l, spec.init(), spec.gain(), spec.scale(), spec.biases(), false, spec.steps(),
                    Map.of(), spec.inputs(), spec.initialState(), spec.readout());
            cells.add(Cell.create(s.cell(), s.activation(),
                    Initializer.scaled(s.cell(), Initializer.draw(s), s.scale())));
        }
        return cells;
    }

    /**
     * L = v·[h→_T; h←_1] of the top layer (v·h_T without a backward direction), computed from scratch as PyTorch wires
     * a network, independently of {@link org.vanish.engine.Stack}: layer ℓ &gt; 1 reads [h→^{ℓ−1}_t; h←^{ℓ−1}_t]
     * (h^{ℓ−1}_t with one direction), then x_t with skip. The forward units read xf, the backward ones xb (both T×m in
     * input order), so either direction's share of ∂L/∂x can be nudged alone. With nudge non-null, the state of layer
     * `layer`'s forward (or backward) direction after its processing step `step` gets nudge added.
     */
    private static double networkLoss(List<Cell> fwd, List<Cell> bwd, boolean skip, double[] xf, double[] xb,
                                      int steps, double[] s0, double[] v, int layer, boolean backward, int step,
                                      double[] nudge) {
        int m = fwd.get(0).inputSize();
        int n = fwd.get(0).hiddenSize();
        boolean bi = !bwd.isEmpty();
        double[][] hf = null;
        double[][] hb = null;
        for (int l = 0; l < fwd.size(); l++) {
            double[][][] below = {hf, hb};
            double[][] nf = directionStates(fwd.get(l), l, below, bi, skip, xf, false, steps, m, n, s0,
                    nudge != null && l == layer - 1 && !backward ? step : 0, nudge);
            double[][] nb = bi ? directionStates(bwd.get(l), l, below, true, skip, xb, true, steps, m, n, s0,
                    nudge != null && l == layer - 1 && backward ? step : 0, nudge) : null;
            hf = nf;
            hb = nb;
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss += v[i] * hf[steps - 1][i];
            if (bi) {
                loss += v[n + i] * hb[0][i];
            }
        }
        return loss;
    }

    /**
     * One direction of layer l: its states by input position t (index t − 1), reading x (l = 0) or the layer below,
     * [hf; hb] (hb only if bi), then x with skip; in reverse order if reversed. nudgeStep &gt; 0: nudge is added to the
     * state after that processing step.
     */
    private static double[][] directionStates(Cell cell, int l, double[][][] below, boolean bi, boolean skip, double[] x,
                                              boolean reversed, int steps, int m, int n, double[] s0, int nudgeStep,
                                              double[] nudge) {
        int width = cell.inputSize();
        double[] in = new double[steps * width];
        for (int tau = 1; tau <= steps; tau++) {
            int p = reversed ? steps + 1 - tau : tau;
            int at = (tau - 1) * width;
            if (l == 0) {
                System.arraycopy(x, (p - 1) * m, in, at, m);
            } else {
                System.arraycopy(below[0][p - 1], 0, in, at, n);
                int off = n;
                if (bi) {
                    System.arraycopy(below[1][p - 1], 0, in, at + n, n);
                    off += n;
                }
                if (skip) {
                    System.arraycopy(x, (p - 1) * m, in, at + off, m);
                }
            }
        }
        double[] drive = cell.drive(in, steps);
        double[][] byStep = new double[steps][];
        if (nudgeStep > 0) {
            Trajectory head = cell.forward(drive, nudgeStep, s0);
            for (int t = 1; t <= nudgeStep; t++) {
                byStep[t - 1] = head.state(t);
            }
            for (int i = 0; i < nudge.length; i++) {
                byStep[nudgeStep - 1][i] += nudge[i];
            }
            if (nudgeStep < steps) {
                int g = cell.driveSize();
                double[] rest = java.util.Arrays.copyOfRange(drive, nudgeStep * g, steps * g);
                Trajectory tail = cell.forward(rest, steps - nudgeStep, byStep[nudgeStep - 1]);
                for (int t = nudgeStep + 1; t <= steps; t++) {
                    byStep[t - 1] = tail.state(t - nudgeStep);
                }
            }
        } else {
            Trajectory tr = cell.forward(drive, steps, s0);
            for (int t = 1; t <= steps; t++) {
                byStep[t - 1] = tr.state(t);
            }
        }
        double[][] byPosition = new double[steps][];
        for (int tau = 1; tau <= steps; tau++) {
            byPosition[(reversed ? steps + 1 - tau : tau) - 1] = byStep[tau - 1];
        }
        return byPosition;
    }

    @ParameterizedTest(name = "{0} skip={1} bidirectional={2}")
    @MethodSource("networks")
    void everyGradientMatchesCentralDifferences(CellType c, boolean skip, boolean bi) {
        int n = 4;
        int m = 3;
        int steps = 5;
        int layers = 3;
        RunSpec spec = spec(c, n, m, steps, 11 + c.ordinal(), 0.9);
        List<Cell> fwd = stack(spec, layers, skip, bi, 100);
        List<Cell> bwd = bi ? stack(spec, layers, skip, true, 200) : List.of();
        Random rnd = new Random(7);
        double[] v = new double[bi ? 2 * n : n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] x = spec.inputs();
        double[] s0 = spec.initialState();
        Stacked.Gradients g = new Stacked(fwd, bwd, skip, x, steps, s0, v).gradients(() -> false);
        int d = c.stateSize(n);
        for (int l = 1; l <= layers; l++) {
            for (int t = 1; t <= steps; t++) {
                double[] fd = new double[d];
                double[] bd = new double[d];
                for (int j = 0; j < d; j++) {
                    double[] e = new double[d];
                    e[j] = H;
                    double[] me = new double[d];
                    me[j] = -H;
                    fd[j] = (networkLoss(fwd, bwd, skip, x, x, steps, s0, v, l, false, t, e)
                            - networkLoss(fwd, bwd, skip, x, x, steps, s0, v, l, false, t, me)) / (2 * H);
                    if (bi) {
                        // the backward direction's state after reading x_t is the one after its step T + 1 − t
                        int tau = steps + 1 - t;
                        bd[j] = (networkLoss(fwd, bwd, skip, x, x, steps, s0, v, l, true, tau, e)
                                - networkLoss(fwd, bwd, skip, x, x, steps, s0, v, l, true, tau, me)) / (2 * H);
                    }
                }
                assertClose(DenseKernels.norm(fd, 0, d), g.forwardState()[l - 1][t - 1], "forward ‖∂L/∂s^" + l + "_" + t + "‖");
                if (bi) {
                    assertClose(DenseKernels.norm(bd, 0, d), g.backwardState()[l - 1][t - 1],
                            "backward ‖∂L/∂s^" + l + "_" + t + "‖");
                    assertClose(Math.hypot(DenseKernels.norm(fd, 0, d), DenseKernels.norm(bd, 0, d)), g.state(l, t),
                            "‖∂L/∂[s→; s←]^" + l + "_" + t + "‖");
                }
            }
        }
        for (int t = 1; t <= steps; t++) {
            double[] fd = new double[m];
            double[] bd = new double[m];
            for (int k = 0; k < m; k++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[(t - 1) * m + k] += H;
                xm[(t - 1) * m + k] -= H;
                // x_t nudged where the forward units read it, then where the backward ones do
                fd[k] = (networkLoss(fwd, bwd, skip, xp, x, steps, s0, v, 0, false, 0, null)
                        - networkLoss(fwd, bwd, skip, xm, x, steps, s0, v, 0, false, 0, null)) / (2 * H);
                if (bi) {
                    bd[k] = (networkLoss(fwd, bwd, skip, x, xp, steps, s0, v, 0, false, 0, null)
                            - networkLoss(fwd, bwd, skip, x, xm, steps, s0, v, 0, false, 0, null)) / (2 * H);
                }
            }
            assertClose(DenseKernels.norm(fd, 0, m), g.forwardInput()[t - 1], "forward part of ‖∂L/∂x_" + t + "‖");
            if (bi) {
                assertClose(DenseKernels.norm(bd, 0, m), g.backwardInput()[t - 1], "backward part of ‖∂L/∂x_" + t + "‖");
            }
        }
    }

    private static void assertClose(double expected, double log10Actual, String what) {
        double actual = Math.pow(10, log10Actual);
        assertTrue(Math.abs(expected - actual) <= REL_TOL * Math.abs(expected) + ABS_TOL,
                what + ": finite differences " + expected + ", backpropagation " + actual);
    }

    /** n×n g·Q for a seeded orthogonal Q. */
    private static DMatrixRMaj orthogonal(int n, double g, long seed) {
        Random rnd = new Random(seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        assertTrue(qr.decompose(a));
        DMatrixRMaj q = qr.getQ(null, false);
        CommonOps_DDRM.scale(g, q);
        return q;
    }

    private static double binomial(int a, int b) {
        double c = 1;
        for (int i = 1; i <= b; i++) {
            c = c * (a - b + i) / i;
        }
        return c;
    }

    /**
     * Linear layers h^ℓ_t = g Q h^ℓ_{t−1} + u h^{ℓ−1}_t (+ s x_t with skip), the same orthogonal Q everywhere: every
     * path from the loss to (ℓ, t) is u^{L−ℓ} g^{T−t} (Qᵀ)^{T−t} v, the same vector, and there are C(T−t+L−ℓ, L−ℓ)
     * of them (the order of T − t steps back in time and L − ℓ steps down), so ‖∂L/∂h^ℓ_t‖ is their product exactly;
     * ∂L/∂x_t adds u·(layer 1's) and, with skip, s·(layer ℓ's) for ℓ ≥ 2, all along the same vector.
     */
    @ParameterizedTest(name = "skip={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void linearOrthogonalStackGivesBinomialNorms(boolean skip) {
        int n = 5;
        int steps = 12;
        int layers = 4;
        double g = 0.9;
        double u = 0.7;
        double s = 0.5;
        DMatrixRMaj w = orthogonal(n, g, 3);
        for (boolean bi : new boolean[] {false, true}) {
            // a bidirectional layer above the first reads [h→; h←] below: each direction's input matrix takes its
            // own direction's half (u I) and not the other's (0), so the directions stay apart and the count holds
            List<Cell> forward = new ArrayList<>();
            List<Cell> backward = new ArrayList<>();
            for (int l = 1; l <= layers; l++) {
                for (int dir = 0; dir < (bi ? 2 : 1); dir++) {
                    DMatrixRMaj in = CommonOps_DDRM.identity(n);
                    CommonOps_DDRM.scale(u, in);
                    if (bi && l > 1) {
                        DMatrixRMaj zero = new DMatrixRMaj(n, n);
                        in = dir == 0 ? CommonOps_DDRM.concatColumns(in, zero, null)
                                : CommonOps_DDRM.concatColumns(zero, in, null);
                    }
                    if (skip && l > 1) {
                        DMatrixRMaj sx = CommonOps_DDRM.identity(n);
                        CommonOps_DDRM.scale(s, sx);
                        in = CommonOps_DDRM.concatColumns(in, sx, null);
                    }
                    (dir == 0 ? forward : backward).add(Cell.create(CellType.RNN, Activation.LINEAR,
                            Map.of("W_h", w, "W_x", in, "b", new DMatrixRMaj(n, 1))));
                }
            }
            double[] v = Inputs.readout(n, 9);
            double[] readout = v;
            if (bi) {
                readout = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    readout[i] = v[i] / Math.sqrt(2);
                    readout[n + i] = v[i] / Math.sqrt(2);
                }
            }
            double[] x = new Random(4).doubles(steps * n).toArray();
            Stacked.Gradients gr = new Stacked(forward, backward, skip, x, steps, new double[n], readout)
                    .gradients(() -> false);
            double share = bi ? Math.log10(Math.sqrt(2)) : 0;
            for (int t = 1; t <= steps; t++) {
                for (int l = 1; l <= layers; l++) {
                    int k = layers - l;
                    assertEquals(expectedState(k, steps - t, g, u) - share, gr.forwardState()[l - 1][t - 1], LOG_TOL,
                            "forward layer " + l + ", t = " + t);
                    if (bi) {
                        assertEquals(expectedState(k, t - 1, g, u) - share, gr.backwardState()[l - 1][t - 1],
                                LOG_TOL, "backward layer " + l + ", t = " + t);
                    }
                }
                assertEquals(expectedInput(layers, steps - t, g, u, skip ? s : 0) - share, gr.forwardInput()[t - 1],
                        LOG_TOL, "forward ‖∂L/∂x_" + t + "‖");
                if (bi) {
                    assertEquals(expectedInput(layers, t - 1, g, u, skip ? s : 0) - share, gr.backwardInput()[t - 1],
                            LOG_TOL, "backward ‖∂L/∂x_" + t + "‖");
                }
            }
        }
    }

    /** log10 of u^k g^back C(back + k, k): k layers down, back steps back in time. */
    private static double expectedState(int k, int back, double g, double u) {
        return Math.log10(Math.pow(u, k) * Math.pow(g, back) * binomial(back + k, k));
    }

    private static double expectedInput(int layers, int back, double g, double u, double s) {
        double sum = Math.pow(u, layers) * binomial(back + layers - 1, layers - 1);
        for (int l = 2; l <= layers; l++) {
            sum += s * Math.pow(u, layers - l) * binomial(back + layers - l, layers - l);
        }
        return Math.log10(sum * Math.pow(g, back));
    }

    /** With one layer the stack is the run itself: its gradients are the engine's, number for number. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void oneLayerEqualsTheEnginesGradientFlow(CellType c) {
        RunResult run = new Analyzer().analyze(spec(c, 16, 6, 80, 5, 1.0), Quantities.GRADIENTS);
        Stacked.Gradients g = Stacked.of(run, 1, false, false).gradients(() -> false);
        for (int t = 1; t <= 80; t++) {
            assertEquals(run.series().gradNorm[t], g.forwardState()[0][t - 1], LOG_TOL, "‖∂L/∂s_" + t + "‖");
            assertEquals(run.series().inputGradNorm[t - 1], g.forwardInput()[t - 1], LOG_TOL, "‖∂L/∂x_" + t + "‖");
        }
        if (c == CellType.RNN) {
            assertTrue(run.series().gradNorm[80] - run.series().gradNorm[1] > 1,
                    "the tanh run should vanish by decades, or the comparison spans little");
        }
    }

    /**
     * A run that is itself a unidirectional stack (a trained model, say) lends its own layers: with as many layers and
     * no skip connections the stack is the run's own network, and its gradients are the engine's for every layer and
     * step (before, layer 2 was drawn afresh and the numbers were another network's). With a third layer on top, the
     * first two are still the run's own and the third drawn; with skip connections only layer 1 is.
     */
    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"RNN", "LSTM", "GRU"})
    void aStackedRunLendsItsOwnLayers(CellType c) {
        RunSpec two = spec(c, 10, 4, 40, 13, 1.0).withArchitecture(2, false, GruVariant.CHO, Inputs.readout(10, 5));
        RunResult run = new Analyzer().analyze(two, Quantities.GRADIENTS);
        assertEquals(2, Stacked.ownLayers(two, 2, false, false));
        assertEquals(2, Stacked.ownLayers(two, 3, false, false));
        assertEquals(1, Stacked.ownLayers(two, 2, true, false));
        // a bidirectional network's upper layers read 2n: the run's read n
        assertEquals(1, Stacked.ownLayers(two, 2, false, true));
        Stacked.Gradients g = Stacked.of(run, 2, false, false).gradients(() -> false);
        for (int l = 1; l <= 2; l++) {
            double[] engine = run.layers().get(l - 1).series().gradNorm;
            for (int t = 1; t <= 40; t++) {
                assertEquals(engine[t], g.forwardState()[l - 1][t - 1], LOG_TOL, "layer " + l + ", t = " + t);
            }
        }
        for (int t = 1; t <= 40; t++) {
            assertEquals(run.series().inputGradNorm[t - 1], g.forwardInput()[t - 1], LOG_TOL, "‖∂L/∂x_" + t + "‖");
        }
    }

    /**
     * A bidirectional stacked run (an imported bidirectional LSTM, say) lends both directions of its layers to a
     * bidirectional network: with its number of layers and no skip connections the network is the run's own, as
     * PyTorch wires it, and its gradients are the engine's for every layer, direction and position, read out by the
     * run's own readout. Before, only its layer 1 forward was its own and the rest drawn, as separate stacks.
     */
    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"RNN", "LSTM", "GRU"})
    void aBidirectionalRunLendsBothDirectionsOfItsLayers(CellType c) {
        int steps = 30;
        RunSpec two = spec(c, 8, 5, steps, 17, 1.0).withArchitecture(2, true,
                c == CellType.GRU ? GruVariant.PYTORCH : GruVariant.CHO, Inputs.readout(16, 6));
        RunResult run = new Analyzer().analyze(two, Quantities.GRADIENTS);
        assertEquals(2, Stacked.ownLayers(two, 2, false, true));
        assertEquals(1, Stacked.ownLayers(two, 2, false, false));
        assertEquals(1, Stacked.ownLayers(two, 2, true, true));
        Stacked.Gradients g = Stacked.of(run, 2, false, true).gradients(() -> false);
        for (int l = 1; l <= 2; l++) {
            double[] forward = run.layers().get(2 * (l - 1)).series().gradNorm;
            double[] backward = run.layers().get(2 * l - 1).series().gradNorm;
            for (int t = 1; t <= steps; t++) {
                assertEquals(forward[t], g.forwardState()[l - 1][t - 1], LOG_TOL, "forward layer " + l + ", t = " + t);
                // the backward direction reads x_t at its step T + 1 − t
                assertEquals(backward[steps + 1 - t], g.backwardState()[l - 1][t - 1], LOG_TOL,
                        "backward layer " + l + ", t = " + t);
            }
        }
        // the two parts of ∂L/∂x_t are what layer 1's directions send down (they alone read x)
        double[] first = run.layers().get(0).series().inputGradNorm;
        double[] second = run.layers().get(1).series().inputGradNorm;
        for (int t = 1; t <= steps; t++) {
            assertEquals(first[t - 1], g.forwardInput()[t - 1], LOG_TOL, "forward part of ‖∂L/∂x_" + t + "‖");
            assertEquals(second[steps - t], g.backwardInput()[t - 1], LOG_TOL, "backward part of ‖∂L/∂x_" + t + "‖");
        }
    }

    /**
     * PyTorch's GRU stays PyTorch's in the stack: with one layer its gradients are the engine's for that run (Cho's
     * equations on its parameters give other numbers, which is what the stack once computed). And a run that is itself
     * two bidirectional layers is stacked from its layer 0 forward, read out by the forward half of its readout.
     */
    @Test
    void theStackKeepsTheRunsGruVariantAndReadsABidirectionalRunsForwardHalf() {
        RunSpec base = spec(CellType.GRU, 12, 5, 60, 9, 1.0);
        RunSpec pytorch = base.withArchitecture(1, false, GruVariant.PYTORCH, base.readout());
        RunResult run = new Analyzer().analyze(pytorch, Quantities.GRADIENTS);
        Stacked.Gradients g = Stacked.of(run, 1, false, false).gradients(() -> false);
        RunResult cho = new Analyzer().analyze(base, Quantities.GRADIENTS);
        double apart = 0;
        for (int t = 1; t <= 60; t++) {
            assertEquals(run.series().gradNorm[t], g.forwardState()[0][t - 1], LOG_TOL, "‖∂L/∂s_" + t + "‖");
            apart = Math.max(apart, Math.abs(cho.series().gradNorm[t] - run.series().gradNorm[t]));
        }
        assertTrue(apart > 1e-3, "the two GRUs should differ on the same parameters, or the check shows nothing");

        double[] v = Inputs.readout(24, 4);
        RunResult bi = new Analyzer().analyze(base.withArchitecture(2, true, GruVariant.CHO, v), Quantities.GRADIENTS);
        Stacked.Gradients one = Stacked.of(bi, 1, false, false).gradients(() -> false);
        RunResult alone = new Analyzer().analyze(base.withArchitecture(1, false, GruVariant.CHO,
                java.util.Arrays.copyOf(v, 12)), Quantities.GRADIENTS);
        for (int t = 1; t <= 60; t++) {
            assertEquals(alone.series().gradNorm[t], one.forwardState()[0][t - 1], LOG_TOL, "‖∂L/∂s_" + t + "‖");
        }
    }

    /**
     * Without skip connections x_T reaches the loss only through the L layers at step T; with them the top layer
     * reads x_T itself, one input matrix instead of L. In stacks that lose gradient in depth (each layer crossing
     * multiplies by diag(φ') U and the gates' σ'), ‖∂L/∂x_T‖ rises, for every seed and gated or plain tanh cell.
     * (At x_1 the T − 1 steps back in time remain, and it need not rise: see the class comment of Stacked.)
     */
    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"RNN", "LSTM", "GRU"})
    void skipConnectionsRaiseTheGradientOfTheLastInput(CellType c) {
        int steps = 30;
        for (long seed = 1; seed <= 6; seed++) {
            RunSpec spec = new RunSpec("tanh", c, Activation.TANH, 16, 8, steps, seed, InitScheme.GAUSSIAN, 1.0, 0.8,
                    Map.of(), false, steps, Map.of(), Inputs.noise(steps, 8, 1.0, seed), new double[c.stateSize(16)],
                    Inputs.readout(16, seed));
            RunResult run = new Analyzer().analyze(spec, Quantities.GRADIENTS);
            Stacked.Gradients plain = Stacked.of(run, 4, false, false).gradients(() -> false);
            Stacked.Gradients skip = Stacked.of(run, 4, true, false).gradients(() -> false);
            assertTrue(plain.forwardState()[3][steps - 1] - plain.forwardInput()[steps - 1] > 0.3,
                    "seed " + seed + ": the stack should lose gradient in depth at t = T");
            assertTrue(skip.forwardInput()[steps - 1] > plain.forwardInput()[steps - 1], "seed " + seed
                    + ": with skip " + skip.forwardInput()[steps - 1] + ", without " + plain.forwardInput()[steps - 1]);
        }
    }

    @Test
    void tooLargeNetworksAreRefusedNamingTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stacked.checkSize(8, 1000, 256, 16, true));
        assertTrue(e.getMessage().startsWith("steps, hiddenSize, demo.layers: 2 directions × 8 layers × 1000 steps"
                + " × 256 units = 4096000 states"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stacked.checkSize(8, 300, 256, 16, false));
        assertTrue(e.getMessage().contains("multiply-adds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stacked.checkSize(9, 10, 4, 4, false));
        assertThrows(IllegalArgumentException.class,
                () -> Stacked.checkSize(2, 10, Stacked.MAX_HIDDEN + 1, 4, false));
        Stacked.checkSize(8, 1000, 64, 16, false);
        // few steps, many weights: drawing 8 bidirectional layers of 512 units and the twin took 6.9 s, uncancellable
        e = assertThrows(IllegalArgumentException.class, () -> Stacked.checkSize(8, 11, 512, 16, true));
        assertTrue(e.getMessage().startsWith("hiddenSize, demo.layers: 2 directions × 8 layers of 512 units hold 8.0e+06"
                + " weights per gate"), e.getMessage());
        Stacked.checkSize(2, 20, 512, 16, true);
        Stacked.checkSize(8, 40, 256, 16, true);
    }

    @Test
    void cancellationStopsTheComputation() {
        RunResult run = new Analyzer().analyze(spec(CellType.GRU, 4, 2, 10, 1, 1.0), Quantities.GRADIENTS);
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> Stacked.of(run, 3, false, true).gradients(() -> true));
        // drawing the layers listens too: it is most of the time of a wide stack over few steps
        int[] polls = {0};
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> Stacked.of(run, 3, false, true, () -> ++polls[0] > 2));
        assertEquals(3, polls[0], "asked before each layer and direction, stopped at the third");
    }
}
