package org.vanish.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What makes repeated analyses of a prepared run cheap must not change a bit of them: the LSTM's scaled rows made
 * from the unscaled ones, the buffers kept from one analysis to the next, the drive of an upper layer read from the
 * states below in place, the product of consecutive row ranges. Each is compared, bit for bit, with the
 * straightforward computation it replaces.
 */
class AnalysisReuseTest {
    private static final Map<String, Double> BIASES = Map.of("b_f", 1.0, "b_i", -0.3, "b_u", -0.4, "b_r", 0.5);

    private static RunSpec stacked(CellType cell, GruVariant variant, int n, int layers, boolean bi, long seed) {
        RunSpec base = Fixtures.spec(cell, Activation.TANH, n, 5, 13, seed, 1.0, BIASES);
        return base.withArchitecture(layers, bi, variant, Inputs.readout(bi ? 2 * n : n, seed + 1));
    }

    /**
     * The analysis as it was made before any reuse: the parameters scaled and each cell made from them, the stack
     * run forward with every drive made from scratch (upper layers from copied rows), and backpropagated fresh.
     */
    private static StackFlow.Result reference(RunSpec spec, double scale, Trajectory[] trOut) {
        List<Cell> cells = new ArrayList<>();
        for (int k = 0; k < spec.units(); k++) {
            Map<String, DMatrixRMaj> p = Initializer.drawLayer(spec, k / spec.directions(), k % spec.directions() == 1);
            cells.add(Cell.create(spec.cell(), spec.activation(), spec.gruVariant(),
                    Initializer.scaled(spec.cell(), p, scale)));
        }
        Stack stack = Stack.pytorch(cells, spec.layers(), spec.bidirectional(), spec.initialState(), spec.steps(),
                spec.inputSize());
        double[][] drives = new double[spec.units()][];
        for (int k = 0; k < spec.units(); k++) {
            Stack.Unit u = stack.units().get(k);
            drives[k] = u.readsInputOnly()
                    ? u.cell().drive(u.reversed() ? Stack.reversed(spec.inputs(), spec.steps(), spec.inputSize())
                    : spec.inputs(), spec.steps()) : null;
        }
        Trajectory[] tr = new Trajectory[spec.units()];
        // one level at a time, upper drives from copied rows
        for (int k = 0; k < spec.units(); k++) {
            Stack.Unit u = stack.units().get(k);
            double[] drive = drives[k] != null ? drives[k] : u.cell().driveByRows(copiedRows(stack, k, tr), spec.steps());
            tr[k] = u.cell().forward(drive, spec.steps(), u.initialState());
        }
        System.arraycopy(tr, 0, trOut, 0, tr.length);
        return StackFlow.backpropagate(stack, tr, spec.readout(), false);
    }

    /** What unit k reads at each of its steps, its sources' h concatenated, copied out one by one. */
    private static double[] copiedRows(Stack stack, int k, Trajectory[] tr) {
        Stack.Unit u = stack.units().get(k);
        int steps = stack.steps();
        int width = u.cell().inputSize();
        double[] in = new double[steps * width];
        for (int tau = 1; tau <= steps; tau++) {
            int p = u.reversed() ? steps + 1 - tau : tau;
            int off = (tau - 1) * width;
            for (int s : u.sources()) {
                Stack.Unit src = stack.units().get(s);
                int ts = src.reversed() ? steps + 1 - p : p;
                double[] h = tr[s].state(ts);
                int hs = src.cell().hiddenSize();
                System.arraycopy(h, 0, in, off, hs);
                off += hs;
            }
        }
        return in;
    }

    @ParameterizedTest(name = "{0} {1}, n = {2}, {3} layers, bidirectional {4}")
    @CsvSource({
        "LSTM, CHO, 8, 2, true",
        "LSTM, CHO, 6, 3, true",
        "LSTM, CHO, 8, 3, false",
        "GRU, CHO, 8, 2, true",
        "GRU, PYTORCH, 5, 2, true",
        "RNN, CHO, 12, 2, true",
    })
    void repeatedAnalysesAtChangingScalesEqualTheFreshComputation(CellType cell, GruVariant variant, int n,
                                                                    int layers, boolean bi) {
        RunSpec spec = stacked(cell, variant, n, layers, bi, 31 + n + layers);
        Analyzer.Prepared prepared = new Analyzer().prepare(spec);
        for (double scale : new double[] {0.7, 1.3, 0.7, 2.0, 1.0}) {
            RunResult r = prepared.analyze(scale, Quantities.LIVE, null);
            Trajectory[] tr = new Trajectory[spec.units()];
            StackFlow.Result ref = reference(spec, scale, tr);
            String at = cell + " at scale " + scale;
            assertArrayEquals(ref.inputGradNorm, r.series().inputGradNorm, "‖∂L/∂x‖ " + at);
            for (int k = 0; k < spec.units(); k++) {
                LayerRun lr = r.layers().get(k);
                assertArrayEquals(tr[k].states, lr.trajectory().states, "states of unit " + k + " " + at);
                assertArrayEquals(tr[k].cache, lr.trajectory().cache, "cache of unit " + k + " " + at);
                assertArrayEquals(ref.units[k].gradNorm, lr.series().gradNorm, "‖∂L/∂s‖ of unit " + k + " " + at);
                assertArrayEquals(ref.units[k].inputGradNorm, lr.series().inputGradNorm, "input of unit " + k + " " + at);
                if (cell.hasCellState()) {
                    assertArrayEquals(ref.units[k].gradNormH, lr.series().gradNormH, "‖∂L/∂h‖ of unit " + k + " " + at);
                    assertArrayEquals(ref.units[k].gradNormC, lr.series().gradNormC, "‖∂L/∂c‖ of unit " + k + " " + at);
                }
            }
        }
    }

    @Test
    void concurrentAnalysesOfOnePreparedRunEachGetTheirOwnBuffers() throws Exception {
        RunSpec spec = stacked(CellType.LSTM, GruVariant.CHO, 8, 2, true, 77);
        Analyzer.Prepared prepared = new Analyzer().prepare(spec);
        double[] scales = {0.6, 0.9, 1.2, 1.5, 0.6, 0.9, 1.2, 1.5, 0.75, 1.05, 1.35, 1.65};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (double s : scales) {
                futures.add(pool.submit(() -> prepared.analyze(s, Quantities.LIVE, null)));
            }
            for (int i = 0; i < scales.length; i++) {
                RunResult got = futures.get(i).get();
                RunResult alone = new Analyzer().prepare(spec).analyze(scales[i], Quantities.LIVE, null);
                assertArrayEquals(alone.series().inputGradNorm, got.series().inputGradNorm, "scale " + scales[i]);
                for (int k = 0; k < spec.units(); k++) {
                    assertArrayEquals(alone.layers().get(k).series().gradNorm, got.layers().get(k).series().gradNorm,
                            "unit " + k + ", scale " + scales[i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lstmRowsScaledFromTheUnscaledOnesAreThoseOfTheScaledMatrices() {
        RunSpec spec = Fixtures.spec(CellType.LSTM, Activation.TANH, 7, 3, 5, 5L);
        Map<String, DMatrixRMaj> base = Initializer.draw(spec);
        LstmCell unscaled = new LstmCell(base, null);
        for (double scale : new double[] {0.3, 1.0, 1.7, 1e-200}) {
            LstmCell direct = new LstmCell(Initializer.scaled(CellType.LSTM, base, scale), null);
            double[][] w = new double[4 * 7][7];
            double[][] wT = new double[7][4 * 7];
            LstmCell.scaleRows(unscaled.stacked(), scale, w);
            LstmCell.scaleRows(unscaled.stackedTransposed(), scale, wT);
            for (int i = 0; i < w.length; i++) {
                assertArrayEquals(direct.stacked()[i], w[i], "row " + i + " at scale " + scale);
            }
            for (int i = 0; i < wT.length; i++) {
                assertArrayEquals(direct.stackedTransposed()[i], wT[i], "transposed row " + i + " at scale " + scale);
            }
        }
    }

    @Test
    void consecutiveRowRangesGiveTheBitsOfOneProduct() {
        Random rnd = new Random(3);
        int rows = 37;
        int len = 19;
        int count = 5;
        double[][] a = Fixtures.gaussianRows(rnd, rows, len);
        // x read backwards: step b at xOff + b·xStride with a negative stride
        int stride = -rows - 3;
        double[] x = new double[count * (rows + 3) + 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
        }
        int xOff = (count - 1) * (rows + 3) + 2;
        double[][] whole = new double[count][len];
        double[][] parts = new double[count][len];
        for (int b = 0; b < count; b++) {
            for (int j = 0; j < len; j++) {
                whole[b][j] = parts[b][j] = rnd.nextGaussian();
            }
        }
        DenseKernels.addRowCombinations(a, rows, x, xOff, stride, whole, count, len);
        DenseKernels.addRowCombinations(a, 0, 8, x, xOff, stride, parts, count, len);
        DenseKernels.addRowCombinations(a, 8, 12, x, xOff + 8, stride, parts, count, len);
        DenseKernels.addRowCombinations(a, 20, rows - 20, x, xOff + 20, stride, parts, count, len);
        for (int b = 0; b < count; b++) {
            assertArrayEquals(whole[b], parts[b], "step " + b);
        }
    }

    @Test
    void upperLayersReadTheStatesBelowInPlaceWithTheBitsOfCopiedRows() {
        for (CellType cell : new CellType[] {CellType.LSTM, CellType.GRU, CellType.RNN}) {
            RunSpec spec = stacked(cell, GruVariant.CHO, 8, 3, true, 19);
            List<Cell> cells = new ArrayList<>();
            for (int k = 0; k < spec.units(); k++) {
                cells.add(Cell.create(spec.cell(), spec.activation(), spec.gruVariant(),
                        Initializer.drawLayer(spec, k / 2, k % 2 == 1)));
            }
            Stack stack = Stack.pytorch(cells, spec.layers(), true, spec.initialState(), spec.steps(),
                    spec.inputSize());
            Trajectory[] tr = stack.forward(spec.inputs(), null);
            for (int k = 2; k < spec.units(); k++) {
                double[] expected = cells.get(k).driveByRows(copiedRows(stack, k, tr), spec.steps());
                assertNotNull(tr[k].drive);
                assertEquals(expected.length, tr[k].drive.length);
                assertArrayEquals(expected, tr[k].drive, cell + " unit " + k);
            }
        }
    }
}
