package org.vanish.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;
import org.vanish.engine.Cell;
import org.vanish.engine.CellType;
import org.vanish.engine.Inputs;
import org.vanish.engine.RunResult;

/** The direct paths of the additive and gated cells against their Jacobians and closed forms. */
class GatePathsTest {
    private static final double LOG_TOL = 1e-12;

    @Test
    void theForgetGateProductIsTheCellPathBlockOfTheJacobianProduct() {
        int n = 5;
        int steps = 25;
        RunResult r = LectureFixtures.random(CellType.LSTM, Activation.TANH, n, steps, 8, Map.of("b_f", 1.0));
        Cell cell = Cell.create(CellType.LSTM, Activation.TANH, r.parameters());
        GatePaths.Summary summary = GatePaths.summary(r.trajectory(), CellType.LSTM);
        DMatrixRMaj product = CommonOps_DDRM.identity(n);
        DMatrixRMaj jac = new DMatrixRMaj(2 * n, 2 * n);
        for (int t = steps; t >= 0; t--) {
            // product = ∂c_T/∂c_t along the cell path: the c-c blocks B_T ⋯ B_{t+1} of the step Jacobians
            double[] unit = GatePaths.unitLog10(r.trajectory(), CellType.LSTM, t);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        assertEquals(0.0, product.get(i, j), 0.0, "the cell path is diagonal");
                    }
                }
                assertEquals(Math.log10(product.get(i, i)), unit[i], LOG_TOL, "unit " + i + ", t = " + t);
            }
            double[] sorted = unit.clone();
            Arrays.sort(sorted);
            assertEquals(sorted[0], summary.min()[t], LOG_TOL);
            assertEquals(sorted[n / 2], summary.median()[t], LOG_TOL);
            assertEquals(sorted[n - 1], summary.max()[t], LOG_TOL);
            if (t == 0) {
                break;
            }
            cell.jacobian(r.trajectory(), t, jac.data);
            DMatrixRMaj block = CommonOps_DDRM.extract(jac, n, 2 * n, n, 2 * n);
            DMatrixRMaj next = new DMatrixRMaj(n, n);
            CommonOps_DDRM.mult(product, block, next);
            product = next;
        }
    }

    @Test
    void zeroWeightsAndAForgetBiasGiveSigmaOfTheBiasToTheL() {
        int n = 4;
        int steps = 60;
        double bf = 1.3;
        RunResult r = LectureFixtures.explicit(CellType.LSTM, Activation.TANH, n, steps,
                LectureFixtures.zeroWeights(CellType.LSTM, n, Map.of("b_f", bf)), Inputs.readout(n, 2));
        double perStep = Math.log10(1 / (1 + Math.exp(-bf)));
        GatePaths.Summary s = GatePaths.summary(r.trajectory(), CellType.LSTM);
        for (int t = 0; t <= steps; t++) {
            double expected = (steps - t) * perStep;
            for (double u : GatePaths.unitLog10(r.trajectory(), CellType.LSTM, t)) {
                assertEquals(expected, u, LOG_TOL, "σ(b_f)^" + (steps - t));
            }
            assertEquals(expected, s.median()[t], LOG_TOL);
            assertEquals(expected, s.min()[t], LOG_TOL);
            assertEquals(expected, s.max()[t], LOG_TOL);
        }
    }

    @Test
    void theGruKeepsOneMinusTheUpdateGateAsTheEngineGradientShows() {
        // with zero weights J_t = diag(1 − u) exactly, so ‖∂J/∂h_t‖ = ‖v‖ (1 − σ(b_u))^(T−t)
        int n = 3;
        int steps = 30;
        double bu = -2.0;
        double[] v = {0.6, 0.0, -0.8};
        RunResult r = LectureFixtures.explicit(CellType.GRU, Activation.TANH, n, steps,
                LectureFixtures.zeroWeights(CellType.GRU, n, Map.of("b_u", bu)), v);
        for (int t = 0; t <= steps; t++) {
            double[] unit = GatePaths.unitLog10(r.trajectory(), CellType.GRU, t);
            assertEquals(r.series().gradNorm[t], unit[0], 1e-10, "‖v‖ = 1: the gradient is the keep product");
            assertEquals((steps - t) * Math.log10(1 - 1 / (1 + Math.exp(-bu))), unit[0], 1e-10);
        }
    }

    @Test
    void theAdditivePathIsTheIdentityAndTheElmanCellHasNone() {
        RunResult additive = LectureFixtures.random(CellType.ADDITIVE, Activation.TANH, 3, 10, 2, Map.of());
        GatePaths.Summary s = GatePaths.summary(additive.trajectory(), CellType.ADDITIVE);
        for (int t = 0; t <= 10; t++) {
            assertEquals(0.0, s.median()[t], 0.0);
            assertEquals(0.0, s.min()[t], 0.0);
        }
        RunResult rnn = LectureFixtures.random(CellType.RNN, Activation.TANH, 3, 10, 2, Map.of());
        assertThrows(IllegalArgumentException.class, () -> GatePaths.summary(rnn.trajectory(), CellType.RNN));
    }
}
