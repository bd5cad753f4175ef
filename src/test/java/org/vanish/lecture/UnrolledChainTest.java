package org.vanish.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vanish.engine.Activation;
import org.vanish.engine.Cell;
import org.vanish.engine.CellType;
import org.vanish.engine.RunResult;
import org.vanish.engine.Trajectory;

/** The chain of seed 001 against the engine's BPTT, a closed form and finite differences. */
class UnrolledChainTest {
    /** log10 values computed two ways agree to this (absolute; 2.3e-10 relative). */
    private static final double LOG_TOL = 1e-10;
    /** Relative tolerance of a central-difference Jacobian's norm. */
    private static final double FD_TOL = 1e-6;
    private static final double FD_STEP = 1e-6;

    @ParameterizedTest
    @EnumSource(CellType.class)
    void actualEqualsTheEngineGradientAndTheProductOfStepNormsBoundsIt(CellType cell) {
        RunResult r = LectureFixtures.random(cell, Activation.TANH, 6, 20, 31, Map.of());
        for (int t = 0; t <= 20; t++) {
            UnrolledChain chain = UnrolledChain.of(r, t, () -> false);
            assertEquals(20 - t, chain.length());
            assertEquals(r.series().gradNorm[t], chain.actualLog10(), LOG_TOL, "log10 ||dJ/ds_" + t + "||");
            // submultiplicativity: ||J_{t+1}^T ... J_T^T v|| <= ||v|| prod ||J_k||
            assertTrue(chain.boundLog10() >= chain.actualLog10() - LOG_TOL,
                    "bound " + chain.boundLog10() + " < actual " + chain.actualLog10() + " at t = " + t);
            double sum = chain.readoutLog10();
            for (int k = t + 1; k <= 20; k++) {
                sum += chain.stepNormLog10At(k);
            }
            assertEquals(sum, chain.boundLog10(), LOG_TOL);
        }
    }

    /**
     * A stack's layer 0 also feeds the layers above, so its chain was the gradient of a loss the stack has not (an
     * imported three-layer tanh nn.RNN: 10^-24.4 against 10^-22.0 at t = 0). The chain is the top layer's forward
     * direction, which J reads only through its own recurrence: it equals the engine's (and PyTorch's) gradient.
     */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void theChainOfAStackIsItsTopLayerAndEqualsItsGradient(CellType cell) throws Exception {
        for (boolean bi : new boolean[] {false, true}) {
            org.vanish.preset.Preset p = org.vanish.preset.PresetCodec.parse("{\"seed\": 7, \"inputSize\": 3,"
                    + " \"hiddenSize\": 5, \"steps\": 12, \"runs\": [{\"cell\": \"" + cell.id() + "\", \"layers\": 3,"
                    + " \"bidirectional\": " + bi + "}]}");
            RunResult r = new org.vanish.engine.Analyzer().analyze(p.toRunSpecs().get(0),
                    org.vanish.engine.Quantities.GRADIENTS);
            // layers in the order layer 0 forward, (layer 0 backward,) layer 1 forward, ...
            org.vanish.engine.LayerRun top = r.layers().get(bi ? 4 : 2);
            assertEquals(2, top.layer());
            assertTrue(!top.backward());
            for (int t = 0; t <= 12; t++) {
                UnrolledChain chain = UnrolledChain.of(r, t, () -> false);
                assertEquals(top.series().gradNorm[t], chain.actualLog10(), LOG_TOL, cell + (bi ? " bidirectional" : "")
                        + ": log10 ||dJ/ds_" + t + "|| of the top layer");
                assertTrue(chain.boundLog10() >= chain.actualLog10() - LOG_TOL);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.8, -1.3, 1.0})
    void oneUnitLinearRnnChainIsExactlyWToTheL(double w) {
        int steps = 15;
        RunResult r = LectureFixtures.explicit(CellType.RNN, Activation.LINEAR, 1, steps,
                LectureFixtures.rnnParams(new DMatrixRMaj(new double[][] {{w}})), new double[] {0.5});
        for (int t = 0; t <= steps; t++) {
            UnrolledChain chain = UnrolledChain.of(r, t, () -> false);
            int ell = steps - t;
            for (int k = t + 1; k <= steps; k++) {
                assertEquals(Math.log10(Math.abs(w)), chain.stepNormLog10At(k), LOG_TOL);
            }
            double expected = Math.log10(0.5) + ell * Math.log10(Math.abs(w));
            assertEquals(expected, chain.actualLog10(), LOG_TOL, "|v| |w|^" + ell);
            assertEquals(expected, chain.boundLog10(), LOG_TOL, "a 1x1 chain's bound is exact");
        }
    }

    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"RNN", "LSTM", "GRU"})
    void stepNormsAreThoseOfTheFiniteDifferenceJacobian(CellType type) {
        int steps = 8;
        RunResult r = LectureFixtures.random(type, Activation.TANH, 4, steps, 5, Map.of());
        UnrolledChain chain = UnrolledChain.of(r, 0, () -> false);
        Cell cell = Cell.create(type, Activation.TANH, r.parameters());
        double[] drive = cell.drive(r.spec().inputs(), steps);
        int d = cell.stateSize();
        int width = cell.driveSize();
        for (int k = 1; k <= steps; k++) {
            double[] stepDrive = new double[width];
            System.arraycopy(drive, (k - 1) * width, stepDrive, 0, width);
            double[] s = r.trajectory().state(k - 1);
            DMatrixRMaj jac = new DMatrixRMaj(d, d);
            for (int j = 0; j < d; j++) {
                double[] plus = s.clone();
                double[] minus = s.clone();
                plus[j] += FD_STEP;
                minus[j] -= FD_STEP;
                double[] sp = oneStep(cell, stepDrive, plus);
                double[] sm = oneStep(cell, stepDrive, minus);
                for (int i = 0; i < d; i++) {
                    jac.set(i, j, (sp[i] - sm[i]) / (2 * FD_STEP));
                }
            }
            double expected = NormOps_DDRM.normP2(jac);
            assertEquals(expected, Math.pow(10, chain.stepNormLog10At(k)), FD_TOL * expected, "||J_" + k + "||_2");
        }
    }

    private static double[] oneStep(Cell cell, double[] drive, double[] s) {
        Trajectory tr = cell.forward(drive, 1, s);
        return tr.state(1);
    }
}
