package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stacked and bidirectional runs against central finite differences of the loss L = v·h_n, computed by a
 * step-by-step forward pass written here (one cell step at a time, PyTorch's wiring), for every cell and both GRUs.
 */
class StackFlowTest {
    private static final double H = 1e-6;
    private static final double REL_TOL = 1e-6;
    private static final double ABS_TOL = 1e-8;
    private static final Map<String, Double> BIASES = Map.of("b_f", 0.7, "b_i", -0.3, "b_o", 0.2, "b_u", -0.4,
            "b_r", 0.5, "b", 0.1, "b_hn", 0.3);

    static Stream<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        Object[][] cells = {
            {CellType.RNN, Activation.TANH, GruVariant.CHO},
            {CellType.RNN, Activation.RELU, GruVariant.CHO},
            {CellType.ADDITIVE, Activation.TANH, GruVariant.CHO},
            {CellType.LSTM, Activation.TANH, GruVariant.CHO},
            {CellType.GRU, Activation.TANH, GruVariant.CHO},
            {CellType.GRU, Activation.TANH, GruVariant.PYTORCH},
        };
        int[][] shapes = {{2, 0}, {1, 1}, {3, 1}};
        for (Object[] c : cells) {
            for (int[] s : shapes) {
                out.add(new Object[] {c[0], c[1], c[2], s[0], s[1] == 1});
            }
        }
        return out.stream();
    }

    static RunSpec spec(CellType c, Activation a, GruVariant v, int layers, boolean bi) {
        int n = 4;
        RunSpec base = Fixtures.spec(c, a, n, 3, 6, 7 + c.ordinal() * 10 + layers * 3 + (bi ? 1 : 0), 0.9, BIASES);
        return base.withArchitecture(layers, bi, v, Inputs.readout(bi ? 2 * n : n, 11));
    }

    @ParameterizedTest(name = "{0} {1} {2}, {3} layers, bidirectional {4}")
    @MethodSource("cases")
    void everyLayerAndTheInputMatchFiniteDifferences(CellType c, Activation a, GruVariant v, int layers,
                                                      boolean bi) {
        RunSpec spec = spec(c, a, v, layers, bi);
        RunResult r = new Analyzer().analyze(spec, Quantities.GRADIENTS);
        Reference ref = new Reference(spec, r);
        int d = spec.stateSize();
        int n = spec.hiddenSize();
        assertEquals(spec.units(), r.layers().size());
        for (int k = 0; k < spec.units(); k++) {
            LayerRun lr = r.layers().get(k);
            assertEquals(k / spec.directions(), lr.layer());
            assertEquals(k % spec.directions() == 1, lr.backward());
            for (int tau = 0; tau <= spec.steps(); tau++) {
                double[] grad = new double[d];
                for (int j = 0; j < d; j++) {
                    grad[j] = (ref.loss(k, tau, j, H, -1, 0) - ref.loss(k, tau, j, -H, -1, 0)) / (2 * H);
                }
                String at = "unit " + k + ", step " + tau;
                assertClose(norm(grad, 0, d), lr.series().gradNorm[tau], "‖∂L/∂s‖ " + at);
                if (c.hasCellState()) {
                    assertClose(norm(grad, 0, n), lr.series().gradNormH[tau], "‖∂L/∂h‖ " + at);
                    assertClose(norm(grad, n, n), lr.series().gradNormC[tau], "‖∂L/∂c‖ " + at);
                }
            }
        }
        int m = spec.inputSize();
        for (int t = 1; t <= spec.steps(); t++) {
            double[] grad = new double[m];
            for (int j = 0; j < m; j++) {
                int at = (t - 1) * m + j;
                grad[j] = (ref.loss(-1, 0, 0, 0, at, H) - ref.loss(-1, 0, 0, 0, at, -H)) / (2 * H);
            }
            assertClose(norm(grad, 0, m), r.series().inputGradNorm[t - 1], "‖∂L/∂x_" + t + "‖");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("org.vanish.engine.FiniteDifferenceTest#cells")
    void oneLayerIsTheEnginesOriginalRunBitForBit(CellType c, Activation a, GruVariant v) {
        RunSpec spec = Fixtures.spec(c, a, 6, 3, 40, 5, 1.1, BIASES);
        spec = spec.withArchitecture(1, false, v, spec.readout());
        RunResult r = new Analyzer().analyze(spec, Quantities.FULL);
        Cell cell = Fixtures.cell(spec);
        Trajectory tr = cell.forward(cell.drive(spec.inputs(), spec.steps()), spec.steps(), spec.initialState());
        GradientFlow.Series s = GradientFlow.backpropagate(cell, tr, spec.readout(), false);
        JacobianProducts.Result p = JacobianProducts.accumulate(cell, tr, true, null);
        assertArrayEquals(s.gradNorm, r.series().gradNorm);
        assertArrayEquals(s.inputGradNorm, r.series().inputGradNorm);
        assertArrayEquals(p.norm, r.products().norm);
        assertArrayEquals(p.productSingularValues, r.products().productSingularValues);
        assertEquals(1, r.layers().size());
        assertTrue(r.layers().get(0).series() == r.series());
        // and the stacked backpropagation, run on that one layer, agrees to rounding
        Stack one = Stack.pytorch(List.of(cell), 1, false, spec.initialState(), spec.steps(), spec.inputSize());
        StackFlow.Result st = StackFlow.backpropagate(one, new Trajectory[] {tr}, spec.readout(), false);
        for (int t = 0; t <= spec.steps(); t++) {
            assertEquals(s.gradNorm[t], st.units[0].gradNorm[t], 1e-12, "‖∂L/∂s_" + t + "‖");
        }
        for (int t = 0; t < spec.steps(); t++) {
            assertEquals(s.inputGradNorm[t], st.inputGradNorm[t], 1e-12, "‖∂L/∂x_" + (t + 1) + "‖");
        }
    }

    @Test
    void theDirectionsOnTwoThreadsGiveTheSameBitsAsOnOne() {
        RunSpec spec = spec(CellType.LSTM, Activation.TANH, GruVariant.CHO, 3, true);
        RunResult r = new Analyzer().analyze(spec, Quantities.GRADIENTS);
        List<Cell> cells = new ArrayList<>();
        for (LayerRun lr : r.layers()) {
            cells.add(Cell.create(spec.cell(), spec.activation(), lr.parameters()));
        }
        Stack stack = Stack.pytorch(cells, 3, true, spec.initialState(), spec.steps(), spec.inputSize());
        Trajectory[] one = stack.forward(spec.inputs(), null);
        StackFlow.Result serial = StackFlow.backpropagate(stack, one, spec.readout(), false, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            Trajectory[] two = stack.forward(spec.inputs(), null, pool);
            StackFlow.Result parallel = StackFlow.backpropagate(stack, two, spec.readout(), false, pool);
            for (int k = 0; k < one.length; k++) {
                assertArrayEquals(one[k].state(spec.steps()), two[k].state(spec.steps()));
                assertArrayEquals(serial.units[k].gradNorm, parallel.units[k].gradNorm);
                assertArrayEquals(serial.units[k].gradNorm, r.layers().get(k).series().gradNorm);
            }
            assertArrayEquals(serial.inputGradNorm, parallel.inputGradNorm);
            assertArrayEquals(serial.inputGradNorm, r.series().inputGradNorm);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void longStackedRunsNeitherUnderflowNorOverflow() {
        for (double scale : new double[] {0.3, 3.0}) {
            // linear, zero inputs and state: the states stay 0, the gradients go as the powers of W_h
            RunSpec spec = Fixtures.explicit(CellType.RNN, Activation.LINEAR, 8, 2, 3000, Map.of(), null);
            spec = spec.withArchitecture(2, true, GruVariant.CHO, Inputs.readout(16, 1)).withScale(scale);
            RunResult r = new Analyzer().analyze(spec, Quantities.GRADIENTS);
            for (LayerRun lr : r.layers()) {
                for (double g : lr.series().gradNorm) {
                    assertTrue(Double.isFinite(g), "scale " + scale + ": " + g);
                }
            }
            // x_1500 is 1500 steps from h_n in both directions
            double middle = r.series().inputGradNorm[1499];
            assertTrue(scale < 1 ? middle < -300 : middle > 300, "scale " + scale + ": ‖∂L/∂x_1500‖ = 10^" + middle);
        }
    }

    private static void assertClose(double expected, double log10Actual, String what) {
        double actual = Math.pow(10, log10Actual);
        assertTrue(Math.abs(expected - actual) <= ABS_TOL + REL_TOL * Math.abs(expected),
                what + ": finite difference " + expected + " vs engine " + actual);
    }

    private static double norm(double[] v, int off, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += v[off + i] * v[off + i];
        }
        return Math.sqrt(s);
    }

    /** PyTorch's wiring, one cell step at a time, with one state entry or one input entry nudged. */
    static final class Reference {
        private final RunSpec spec;
        private final List<Cell> cells = new ArrayList<>();

        Reference(RunSpec spec, RunResult r) {
            this.spec = spec;
            for (LayerRun lr : r.layers()) {
                cells.add(Cell.create(spec.cell(), spec.activation(), spec.gruVariant(), lr.parameters()));
            }
        }

        /** L with s_τ of unit k nudged by e_j·hk (the nudge then travels on), and x entry xAt nudged by hx. */
        double loss(int k, int tau, int j, double hk, int xAt, double hx) {
            int steps = spec.steps();
            int n = spec.hiddenSize();
            int m = spec.inputSize();
            int dirs = spec.directions();
            double[] x = spec.inputs().clone();
            if (xAt >= 0) {
                x[xAt] += hx;
            }
            double[][][] states = new double[spec.units()][steps + 1][];
            for (int u = 0; u < spec.units(); u++) {
                int layer = u / dirs;
                boolean rev = u % dirs == 1;
                double[] s = spec.initialState().clone();
                if (u == k && tau == 0) {
                    s[j] += hk;
                }
                states[u][0] = s;
                Cell cell = cells.get(u);
                for (int t = 1; t <= steps; t++) {
                    int p = rev ? steps + 1 - t : t;
                    double[] in = new double[cell.inputSize()];
                    if (layer == 0) {
                        System.arraycopy(x, (p - 1) * m, in, 0, m);
                    } else {
                        for (int dir = 0; dir < dirs; dir++) {
                            int below = (layer - 1) * dirs + dir;
                            int at = dir == 1 ? steps + 1 - p : p;
                            System.arraycopy(states[below][at], 0, in, dir * n, n);
                        }
                    }
                    s = cell.forward(cell.drive(in, 1), 1, s).state(1);
                    if (u == k && tau == t) {
                        s[j] += hk;
                    }
                    states[u][t] = s;
                }
            }
            double l = 0;
            for (int dir = 0; dir < dirs; dir++) {
                double[] top = states[(spec.layers() - 1) * dirs + dir][steps];
                for (int i = 0; i < n; i++) {
                    l += spec.readout()[dir * n + i] * top[i];
                }
            }
            return l;
        }
    }
}
